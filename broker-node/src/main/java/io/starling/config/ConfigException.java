package io.starling.config;

import java.nio.file.Path;

/**
 * A configuration that Starling refuses to start with: a bad line in a mosquitto.conf-syntax
 * file, or a bad command-line flag.
 *
 * <p>The message is {@code FILE:LINE: REASON} (like a compiler's), so the node's {@code main} can
 * print it as it is and exit with status 1. Without a line it is {@code FILE: REASON}; for a
 * command-line error (no file) it is just the reason.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    // Path is not Serializable; an exception is only serialized by tools, where the message suffices.
    private final transient Path file;
    private final int line;
    private final String option;
    private final String reason;

    /**
     * @param file the file holding the bad line; null for a command-line error
     * @param line 1-based line number; 0 when the error is not about one line
     * @param option the option (or command-line flag) at fault; null if none
     * @param reason what is wrong, for a human
     */
    public ConfigException(Path file, int line, String option, String reason) {
        super(format(file, line, reason));
        this.file = file;
        this.line = line;
        this.option = option;
        this.reason = reason;
    }

    /** An error in the command-line arguments. */
    static ConfigException commandLine(String flag, String reason) {
        return new ConfigException(null, 0, flag, reason);
    }

    private static String format(Path file, int line, String reason) {
        if (file == null) {
            return reason;
        }
        return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
    }

    /** The file at fault, or null for a command-line error. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0. */
    public int line() {
        return line;
    }

    /** The option or flag at fault, or null. */
    public String option() {
        return option;
    }

    /** The reason alone, without file and line. */
    public String reason() {
        return reason;
    }
}
