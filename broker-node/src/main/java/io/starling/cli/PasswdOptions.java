package io.starling.cli;

import io.starling.auth.HashType;
import io.starling.auth.PasswordHash;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * starling-passwd's command line, read as mosquitto_passwd reads it: options first, then the
 * file, the username and (with {@code -b}) the password; the same checks in the same order, so
 * the same mistakes give the same messages.
 *
 * @param password the password given with {@code -b}; null when it is to be prompted for, or with -D/-U
 * @param username null with -U
 */
record PasswdOptions(Mode mode, boolean batch, HashType hashType, int iterations, Path file,
        String username, String password) {

    /** What starling-passwd does to the file. */
    enum Mode {
        /** Add the user, or give it a new password (no -c, -D or -U). */
        UPDATE,
        /** {@code -c}: write a new file holding only this user. */
        CREATE,
        /** {@code -D}: remove the user. */
        DELETE,
        /** {@code -U}: hash every plain-text password in the file. */
        HASH_PLAIN
    }

    private static final int MAX_LENGTH = 65535;
    private static final Pattern LEADING_INT = Pattern.compile("^\\s*([+-]?\\d+)");

    static String usage() {
        return """
                starling-passwd is a tool for managing password files for Starling and mosquitto.

                Usage: starling-passwd [-H sha512 | -H sha512-pbkdf2] [-I iterations] [-c | -D] passwordfile username
                       starling-passwd [-H sha512 | -H sha512-pbkdf2] [-I iterations] [-c] -b passwordfile username password
                       starling-passwd -U passwordfile
                 -b : run in batch mode to allow passing passwords on the command line.
                 -c : create a new password file. This will overwrite existing files.
                 -D : delete the username rather than adding/updating its password.
                 -H : specify the hashing algorithm. Defaults to sha512-pbkdf2, which is recommended.
                      Mosquitto 1.6 and earlier defaulted to sha512.
                 -I : the number of PBKDF2 iterations for sha512-pbkdf2. Defaults to 101, as mosquitto_passwd.
                 -U : update a plain text password file to use hashed passwords.

                """;
    }

    static PasswdOptions parse(List<String> args) throws PasswdFailure {
        if (args.isEmpty()) {
            throw PasswdFailure.usage();
        }
        HashType hashType = HashType.SHA512_PBKDF2;
        int iterations = PasswordHash.DEFAULT_ITERATIONS;
        boolean batch = false;
        boolean create = false;
        boolean delete = false;
        boolean hashPlain = false;
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-H")) {
                if (i + 1 == args.size()) {
                    throw PasswdFailure.error("-H argument given but not enough other arguments.");
                }
                String name = args.get(++i);
                hashType = HashType.byOptionName(name)
                        .orElseThrow(() -> PasswdFailure.error("Unknown hash type '" + name + "'"));
            } else if (a.equals("-b")) {
                batch = true;
            } else if (a.equals("-c")) {
                create = true;
            } else if (a.equals("-D")) {
                delete = true;
            } else if (a.equals("-I")) {
                if (i + 1 == args.size()) {
                    throw PasswdFailure.error("-I argument given but not enough other arguments.");
                }
                iterations = leadingInt(args.get(++i));
                if (iterations < 1) {
                    throw PasswdFailure.error("Number of iterations must be > 0.");
                }
            } else if (a.equals("-U")) {
                hashPlain = true;
            } else {
                break;
            }
        }
        if (create && delete) {
            throw PasswdFailure.error("-c and -D cannot be used together.");
        }
        if (create && hashPlain) {
            throw PasswdFailure.error("-c and -U cannot be used together.");
        }
        if (delete && hashPlain) {
            throw PasswdFailure.error("-D and -U cannot be used together.");
        }
        if (delete && batch) {
            throw PasswdFailure.error("-b and -D cannot be used together.");
        }
        List<String> rest = args.subList(i, args.size());
        PasswdOptions options;
        if (create) {
            int needed = batch ? 3 : 2;
            if (rest.size() < needed) {
                throw PasswdFailure.error(batch
                        ? "-c argument given but password file, username, or password missing."
                        : "-c argument given but password file or username missing.");
            }
            options = of(Mode.CREATE, batch, hashType, iterations, rest);
        } else if (delete) {
            if (rest.size() < 2) {
                throw PasswdFailure.error("-D argument given but password file or username missing.");
            }
            options = of(Mode.DELETE, false, hashType, iterations, rest);
        } else if (hashPlain) {
            if (rest.size() != 1) {
                throw PasswdFailure.error("-U argument given but password file missing.");
            }
            options = new PasswdOptions(Mode.HASH_PLAIN, batch, hashType, iterations, Path.of(rest.get(0)), null, null);
        } else if (rest.size() == (batch ? 3 : 2)) {
            options = of(Mode.UPDATE, batch, hashType, iterations, rest);
        } else {
            throw PasswdFailure.usage();
        }
        options.validate();
        return options;
    }

    private static PasswdOptions of(Mode mode, boolean batch, HashType hashType, int iterations, List<String> rest) {
        return new PasswdOptions(mode, batch, hashType, iterations, Path.of(rest.get(0)), rest.get(1),
                batch ? rest.get(2) : null);
    }

    private void validate() throws PasswdFailure {
        if (username != null) {
            if (username.length() > MAX_LENGTH) {
                throw PasswdFailure.error("Username must be less than 65536 characters long.");
            }
            if (username.chars().anyMatch(Character::isISOControl)) {
                throw PasswdFailure.error("Username must not contain control characters.");
            }
            if (username.indexOf(':') >= 0) {
                throw PasswdFailure.error("Username must not contain the ':' character.");
            }
        }
        if (password != null && password.length() > MAX_LENGTH) {
            throw PasswdFailure.error("Password must be less than 65536 characters long.");
        }
    }

    /** C's atoi, as mosquitto_passwd reads -I: the leading number, 0 when there is none or it overflows. */
    private static int leadingInt(String text) {
        Matcher m = LEADING_INT.matcher(text);
        if (!m.find()) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
