package io.starling.auth.dynsec;

import io.starling.auth.Pbkdf2;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

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
     * The plugin measures the password with C's {@code strlen}: bytes from the first 0 on do not
     * count.
     */
    static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        int len = 0;
        while (len < password.length && password[len] != 0) {
            len++;
        }
        return Pbkdf2.sha512(Arrays.copyOf(password, len), salt, iterations);
    }
}
