package io.starling.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One password hash in Mosquitto's format, the part after {@code username:} in a password file:
 * {@code $7$ITERATIONS$SALT$HASH} (PBKDF2-HMAC-SHA512) or {@code $6$SALT$HASH} (SHA-512 of the
 * password followed by the salt), with a 12-byte salt and a 64-byte hash, both in standard
 * base64 with padding, exactly as {@code mosquitto_passwd} writes them and {@code mosquitto}
 * reads them. Immutable.
 */
public final class PasswordHash {

    /** mosquitto_passwd's default PBKDF2 iteration count ({@code PW_DEFAULT_ITERATIONS}). */
    public static final int DEFAULT_ITERATIONS = 101;
    /** Mosquitto refuses any other salt length. */
    public static final int SALT_LENGTH = 12;
    /** SHA-512's output; Mosquitto refuses any other length. */
    public static final int HASH_LENGTH = 64;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HMAC = "HmacSHA512";

    private final HashType type;
    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(HashType type, int iterations, byte[] salt, byte[] hash) {
        this.type = type;
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a fresh random salt. {@code iterations} is ignored for {@link HashType#SHA512}. */
    public static PasswordHash create(HashType type, int iterations, byte[] password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return create(type, iterations, password, salt);
    }

    /** Hashes {@code password} with the given 12-byte salt (tests use known salts). */
    static PasswordHash create(HashType type, int iterations, byte[] password, byte[] salt) {
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("the salt must be " + SALT_LENGTH + " bytes");
        }
        if (type == HashType.SHA512_PBKDF2 && iterations < 1) {
            throw new IllegalArgumentException("the number of iterations must be > 0");
        }
        int n = type == HashType.SHA512_PBKDF2 ? iterations : 0;
        return new PasswordHash(type, n, salt.clone(), digest(type, n, password, salt));
    }

    /**
     * Reads the hash part of a password file line.
     *
     * @throws IllegalArgumentException when it is not a hash Mosquitto would accept; the message
     *         says why without repeating the text, which may be a plain-text password
     */
    public static PasswordHash parse(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length < 2 || !parts[0].isEmpty()) {
            throw new IllegalArgumentException("the password is not hashed"
                    + " (expected $7$ITERATIONS$SALT$HASH or $6$SALT$HASH; starling-passwd -U hashes a plain-text file)");
        }
        HashType type;
        int iterations = 0;
        int saltAt;
        if (parts[1].equals("7")) {
            type = HashType.SHA512_PBKDF2;
            if (parts.length != 5) {
                throw new IllegalArgumentException("a $7$ hash has the form $7$ITERATIONS$SALT$HASH");
            }
            iterations = parseIterations(parts[2]);
            saltAt = 3;
        } else if (parts[1].equals("6")) {
            type = HashType.SHA512;
            if (parts.length != 4) {
                throw new IllegalArgumentException("a $6$ hash has the form $6$SALT$HASH");
            }
            saltAt = 2;
        } else {
            throw new IllegalArgumentException("unknown password hash type (expected $6$ or $7$)");
        }
        byte[] salt = decode(parts[saltAt], SALT_LENGTH, "salt");
        byte[] hash = decode(parts[saltAt + 1], HASH_LENGTH, "hash");
        return new PasswordHash(type, iterations, salt, hash);
    }

    private static int parseIterations(String text) {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException("invalid hash iterations (expected a number > 0)");
        }
        return n;
    }

    private static byte[] decode(String base64, int length, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the password " + what + " is not valid base64");
        }
        if (bytes.length != length) {
            throw new IllegalArgumentException("the password " + what + " is " + bytes.length
                    + " bytes (expected " + length + ")");
        }
        return bytes;
    }

    /** Whether {@code password} hashes to this hash; the comparison takes the same time wherever the bytes differ. */
    public boolean matches(byte[] password) {
        // Mosquitto hashes a C string: a password with a NUL byte cannot be the one that was hashed
        for (byte b : password) {
            if (b == 0) {
                return false;
            }
        }
        return MessageDigest.isEqual(hash, digest(type, iterations, password, salt));
    }

    public HashType type() {
        return type;
    }

    /** PBKDF2 iterations; 0 for {@link HashType#SHA512}. */
    public int iterations() {
        return iterations;
    }

    /** The text a password file holds after {@code username:}. */
    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder();
        String tail = b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        return type == HashType.SHA512_PBKDF2
                ? "$7$" + iterations + "$" + tail
                : "$6$" + tail;
    }

    /** Names the type only: a hash has no business in a log line. */
    @Override
    public String toString() {
        return "PasswordHash[" + type.optionName() + (iterations > 0 ? ", " + iterations + " iterations" : "") + "]";
    }

    private static byte[] digest(HashType type, int iterations, byte[] password, byte[] salt) {
        try {
            return type == HashType.SHA512_PBKDF2
                    ? Pbkdf2.sha512(password, salt, iterations)
                    : sha512(password, salt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 is part of every Java 17 runtime", e);
        }
    }

    private static byte[] sha512(byte[] password, byte[] salt) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance("SHA-512");
        md.update(password);
        md.update(salt);
        return md.digest();
    }
}
