package io.starling.auth;

import java.util.Optional;

/**
 * The two password hashes a Mosquitto password file holds, named as {@code mosquitto_passwd -H}
 * names them and numbered as the file's {@code $N$} prefix numbers them.
 */
public enum HashType {
    /** {@code $6$SALT$HASH}: one SHA-512 of the password followed by the salt (Mosquitto 1.6 and earlier). */
    SHA512(6, "sha512"),
    /** {@code $7$ITERATIONS$SALT$HASH}: PBKDF2-HMAC-SHA512, mosquitto_passwd's default since 2.0. */
    SHA512_PBKDF2(7, "sha512-pbkdf2");

    private final int id;
    private final String optionName;

    HashType(int id, String optionName) {
        this.id = id;
        this.optionName = optionName;
    }

    /** The number between the first two {@code $} of a hash line. */
    public int id() {
        return id;
    }

    /** The name {@code -H} takes. */
    public String optionName() {
        return optionName;
    }

    /** The type {@code -H name} asks for, if there is one by that name. */
    public static Optional<HashType> byOptionName(String name) {
        for (HashType t : values()) {
            if (t.optionName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
