package io.starling.cli;

import io.starling.auth.CBlanks;
import io.starling.auth.HashType;
import io.starling.auth.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a password file being edited by starling-passwd. Lines are held as ISO-8859-1
 * text, one char per byte, so that every line the edit does not touch is written back byte for
 * byte, whatever its encoding; comments and blank lines stay where they were.
 */
final class PasswdLines {

    private final List<String> lines;

    private PasswdLines(List<String> lines) {
        this.lines = lines;
    }

    static PasswdLines empty() {
        return new PasswdLines(new ArrayList<>());
    }

    /**
     * Splits {@code bytes} into lines and checks each as mosquitto_passwd does, except that
     * comments and blank lines, which Mosquitto's broker skips, are kept rather than refused.
     */
    static PasswdLines parse(byte[] bytes) throws PasswdFailure {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the end of the last line, not a line
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isCommentOrBlank(line)) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0 || CBlanks.trim(line.substring(0, colon)).isEmpty() || CBlanks.trim(line.substring(colon + 1)).isEmpty()) {
                throw PasswdFailure.error("Corrupt password file at line " + (i + 1) + ".");
            }
        }
        return new PasswdLines(lines);
    }

    /** Gives {@code username} the new hash on every line that names it; adds a line at the end if none does. */
    void put(String username, PasswordHash hash) {
        String target = bytewise(username);
        String newLine = target + ":" + hash.encoded();
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (target.equals(userOf(lines.get(i)))) {
                lines.set(i, newLine);
                found = true;
            }
        }
        if (!found) {
            lines.add(newLine);
        }
    }

    /** Removes every line of {@code username}; false when there was none. */
    boolean remove(String username) {
        String target = bytewise(username);
        return lines.removeIf(line -> target.equals(userOf(line)));
    }

    /**
     * Replaces each plain-text password with its hash. A password that already parses as a
     * {@code $6$}/{@code $7$} hash is kept: unlike mosquitto_passwd -U, running this twice does
     * not hash the hashes and lock every user out.
     */
    void hashPlain(HashType type, int iterations) {
        for (int i = 0; i < lines.size(); i++) {
            String user = userOf(lines.get(i));
            if (user == null) {
                continue;
            }
            String line = lines.get(i);
            String password = CBlanks.trim(line.substring(line.indexOf(':') + 1));
            if (isHash(password)) {
                continue;
            }
            byte[] plain = password.getBytes(StandardCharsets.ISO_8859_1);
            lines.set(i, user + ":" + PasswordHash.create(type, iterations, plain).encoded());
        }
    }

    byte[] toBytes() {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isHash(String text) {
        try {
            PasswordHash.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The username of a user line, in this class's one-char-per-byte form; null for comments and blank lines. */
    private static String userOf(String line) {
        if (isCommentOrBlank(line)) {
            return null;
        }
        int colon = line.indexOf(':');
        return colon < 0 ? null : CBlanks.trim(line.substring(0, colon));
    }

    private static boolean isCommentOrBlank(String line) {
        return line.startsWith("#") || CBlanks.trim(line).isEmpty();
    }

    /** A username as the file's bytes spell it in UTF-8, one char per byte. */
    private static String bytewise(String username) {
        return new String(username.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
