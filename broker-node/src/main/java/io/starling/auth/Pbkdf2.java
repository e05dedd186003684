package io.starling.auth;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBKDF2-HMAC-SHA512 for one 64-byte block (RFC 8018), over a password's raw bytes, as Mosquitto
 * hashes passwords ({@code $7$} lines of password files, dynamic-security clients). The JDK's
 * PBKDF2 key factory takes chars and would re-encode them, while an MQTT password is bytes.
 */
public final class Pbkdf2 {

    private static final String HMAC = "HmacSHA512";

    private Pbkdf2() {
    }

    public static byte[] sha512(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            // HMAC pads a short key with zeros, so the empty key and a single zero byte are the same
            // key; SecretKeySpec refuses an empty one
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, HMAC));
            mac.update(salt);
            mac.update(new byte[] {0, 0, 0, 1}); // one block: SHA-512 gives all 64 bytes at once
            byte[] u = mac.doFinal();
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            return t;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is part of every Java 17 runtime", e);
        }
    }
}
