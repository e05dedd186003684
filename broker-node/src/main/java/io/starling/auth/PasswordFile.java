package io.starling.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of a Mosquitto {@code password_file}: one {@code username:hash} per line, the hash in
 * {@link PasswordHash}'s {@code $6$}/{@code $7$} forms. Lines that start with {@code #} and blank
 * lines are skipped, and blanks around the username and the hash are ignored, as Mosquitto does.
 * Where Mosquitto logs a bad line and drops that user, Starling refuses the whole file with a
 * {@link SecurityFileException} naming the line, so a typo never silently locks a user out.
 * Immutable; safe to share between threads.
 */
public final class PasswordFile {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordFile.class);
    private static final int MAX_USERNAME_LENGTH = 65535;
    private static final PasswordFile EMPTY = new PasswordFile(Map.of());
    /** Checked for unknown users, so that a refusal takes as long whether or not the user exists. */
    private static final PasswordHash DECOY = PasswordHash.create(
            HashType.SHA512_PBKDF2, PasswordHash.DEFAULT_ITERATIONS, new byte[] {'x'});

    private final Map<String, PasswordHash> users;

    private PasswordFile(Map<String, PasswordHash> users) {
        this.users = users;
    }

    /** A file with no users: every check fails. */
    public static PasswordFile empty() {
        return EMPTY;
    }

    /**
     * Reads {@code file}. Warns (log) when others may read it, as Mosquitto 2.0.16 and later do.
     *
     * @throws SecurityFileException when the file cannot be read (line 0) or a line is not
     *         {@code username:hash}; the message never contains a hash or a password
     */
    public static PasswordFile load(Path file) throws SecurityFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SecurityFileException(file, 0, "the password file does not exist");
        } catch (AccessDeniedException e) {
            throw new SecurityFileException(file, 0, "permission denied reading the password file");
        } catch (IOException e) {
            throw new SecurityFileException(file, 0, "cannot read the password file: " + e.getMessage());
        }
        warnIfOthersMayRead(file);
        return parse(file, bytes);
    }

    private static PasswordFile parse(Path file, byte[] bytes) throws SecurityFileException {
        Map<String, PasswordHash> users = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        int start = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNo++;
            String line = decode(file, lineNo, bytes, start, end);
            start = end + 1;
            if (line.startsWith("#") || CBlanks.trim(line).isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new SecurityFileException(file, lineNo, "expected username:password-hash");
            }
            String username = CBlanks.trim(line.substring(0, colon));
            String encoded = CBlanks.trim(line.substring(colon + 1));
            if (username.isEmpty()) {
                throw new SecurityFileException(file, lineNo, "the username is empty");
            }
            if (username.length() > MAX_USERNAME_LENGTH) {
                throw new SecurityFileException(file, lineNo, "the username is longer than 65535 characters");
            }
            if (encoded.isEmpty()) {
                throw new SecurityFileException(file, lineNo, "user '" + username + "' has no password hash");
            }
            if (encoded.indexOf(':') >= 0) {
                throw new SecurityFileException(file, lineNo, "user '" + username + "': more than one ':' on the line");
            }
            Integer earlier = firstLine.putIfAbsent(username, lineNo);
            if (earlier != null) {
                throw new SecurityFileException(file, lineNo,
                        "user '" + username + "' appears twice (first on line " + earlier + ")");
            }
            try {
                users.put(username, PasswordHash.parse(encoded));
            } catch (IllegalArgumentException e) {
                throw new SecurityFileException(file, lineNo, "user '" + username + "': " + e.getMessage());
            }
        }
        return new PasswordFile(Collections.unmodifiableMap(users));
    }

    private static String decode(Path file, int lineNo, byte[] bytes, int start, int end) throws SecurityFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, end - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SecurityFileException(file, lineNo, "the line is not valid UTF-8");
        }
    }

    private static void warnIfOthersMayRead(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to judge
        }
        // Mosquitto tests all of S_IRWXO, not only the read bit
        if (permissions.contains(PosixFilePermission.OTHERS_READ)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            LOG.warn("Warning: File {} has world readable permissions. To fix this, use `chmod 0700 {}`.", file, file);
        }
    }

    /**
     * Whether {@code username} is in the file and {@code password} is its password. Unknown users
     * cost a hash too, so the time taken does not tell whether the user exists.
     */
    public boolean check(String username, byte[] password) {
        if (username == null || password == null) {
            return false; // a CONNECT without a password never matches a user that has one
        }
        PasswordHash hash = users.get(username);
        if (hash == null) {
            DECOY.matches(password);
            return false;
        }
        return hash.matches(password);
    }

    /** Whether the file names {@code username}. */
    public boolean contains(String username) {
        return users.containsKey(username);
    }

    /** The number of users. */
    public int size() {
        return users.size();
    }

    @Override
    public String toString() {
        return "PasswordFile[" + users.size() + " users]";
    }
}
