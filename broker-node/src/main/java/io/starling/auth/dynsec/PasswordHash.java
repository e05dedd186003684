package io.starling.auth.dynsec;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client's password as the plugin stores it: PBKDF2-HMAC-SHA512 over the password bytes, a 12-byte
 * salt, 64 bytes of output, base64 in the file.
 *
 * @param hash       64 bytes
 * @param salt       12 bytes
 * @param iterations at least 1; new passwords get {@link #DEFAULT_ITERATIONS}
 */
public record PasswordHash(byte[] hash, byte[] salt, int iterations) {

    /** Mosquitto 2.0's {@code PW_DEFAULT_ITERATIONS}. */
    public static final int DEFAULT_ITERATIONS = 101;
    /** Bytes of salt the plugin keeps. */
    public static final int SALT_LENGTH = 12;
    /** Bytes of a SHA-512 output. */
    public static final int HASH_LENGTH = 64;

    public PasswordHash {
        if (hash.length != HASH_LENGTH || salt.length != SALT_LENGTH || iterations < 1) {
            throw new IllegalArgumentException("a dynamic-security password needs a " + HASH_LENGTH
                    + "-byte hash, a " + SALT_LENGTH + "-byte salt and at least one iteration");
        }
        hash = hash.clone();
        salt = salt.clone();
    }

    /** Hashes a new password with a fresh salt and the default iterations. */
    public static PasswordHash create(byte[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return new PasswordHash(pbkdf2(password, salt, DEFAULT_ITERATIONS), salt, DEFAULT_ITERATIONS);
    }

    /** True if {@code password} hashes to this hash (compared in constant time). */
    public boolean matches(byte[] password) {
        return MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations));
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    public String hashBase64() {
        return Base64.getEncoder().encodeToString(hash);
    }

    public String saltBase64() {
        return Base64.getEncoder().encodeToString(salt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash p && Arrays.equals(hash, p.hash) && Arrays.equals(salt, p.salt)
                && iterations == p.iterations;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash) * 31 + Arrays.hashCode(salt) + iterations;
    }

    @Override
    public String toString() {
        return "PasswordHash[iterations=" + iterations + "]";
    }

    /**
     * PBKDF2 (RFC 8018) with HMAC-SHA512 over raw bytes. The JDK's PBKDF2 key factory takes chars and
     * so cannot hash arbitrary password bytes. The C side measures the password with
     * {@code strlen}, so bytes from the first 0 on do not count. An empty key is the same HMAC key as
     * one zero byte (keys are zero-padded to the block size), which {@link SecretKeySpec} accepts.
     */
    static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        int len = 0;
        while (len < password.length && password[len] != 0) {
            len++;
        }
        byte[] key = len == 0 ? new byte[1] : Arrays.copyOf(password, len);
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key, "HmacSHA512"));
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
