package io.starling.auth;

import java.nio.file.Path;

/**
 * A password, ACL, dynamic-security or certificate file Starling refuses: at start-up the node
 * exits with status 1, on a reload the old files stay in force. The message is
 * {@code FILE:LINE: REASON} like {@link io.starling.config.ConfigException}'s, or
 * {@code FILE: REASON} when the fault is not on one line (an unreadable file, bad JSON).
 */
public final class SecurityFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String reason;

    /**
     * @param file   the file at fault
     * @param line   1-based line number; 0 when the fault is not on one line
     * @param reason what is wrong, for a human
     */
    public SecurityFileException(Path file, int line, String reason) {
        super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0. */
    public int line() {
        return line;
    }

    /** The reason alone, without file and line. */
    public String reason() {
        return reason;
    }
}
