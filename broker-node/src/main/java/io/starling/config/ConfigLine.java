package io.starling.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code option value...} line of a configuration file, and the ways to read its value.
 *
 * <p>Values are separated by spaces or tabs. A {@code #} starting a line (after optional blanks)
 * makes it a comment; a word starting with {@code #} after the values starts a trailing comment,
 * as Mosquitto allows after {@code listener PORT}. Every reader names the file, line and option
 * in its error, so a user knows what to fix.
 *
 * @param file the file the line is in
 * @param number the 1-based line number
 * @param option the first word
 * @param values the words after the option, trailing comment removed
 * @param text everything after the option, trimmed, trailing comment removed (for values that may
 *     hold spaces, such as paths)
 */
record ConfigLine(Path file, int number, String option, List<String> values, String text) {

    private static final Pattern WORD = Pattern.compile("[^ \\t]+");

    /** The line, or null for a blank or comment line. */
    static ConfigLine parse(Path file, int number, String raw) {
        Matcher m = WORD.matcher(raw);
        if (!m.find() || m.group().startsWith("#")) {
            return null;
        }
        String option = m.group();
        List<String> values = new ArrayList<>();
        int textStart = -1;
        int textEnd = -1;
        while (m.find() && !m.group().startsWith("#")) {
            values.add(m.group());
            if (textStart < 0) {
                textStart = m.start();
            }
            textEnd = m.end();
        }
        String text = textStart < 0 ? "" : raw.substring(textStart, textEnd);
        return new ConfigLine(file, number, option, List.copyOf(values), text);
    }

    ConfigException error(String reason) {
        return new ConfigException(file, number, option, reason);
    }

    /** Where this line is, for messages that point at it from elsewhere. */
    String where() {
        return file + ":" + number;
    }

    /** The one word this option takes. */
    String single() throws ConfigException {
        requireValue();
        if (values.size() > 1) {
            throw error("unexpected extra value '" + values.get(1) + "' for '" + option
                    + "' (it takes one value)");
        }
        return values.get(0);
    }

    /** The whole rest of the line, spaces included (paths, prefixes, formats). */
    String wholeText() throws ConfigException {
        requireValue();
        return text;
    }

    void requireValue() throws ConfigException {
        if (values.isEmpty()) {
            throw error("missing value for '" + option + "'");
        }
    }

    void requireNoValue(int allowed) throws ConfigException {
        if (values.size() > allowed) {
            throw error("unexpected extra value '" + values.get(allowed) + "' for '" + option + "'");
        }
    }

    /** {@code true} or {@code false}; Mosquitto also takes {@code 1} and {@code 0}. */
    boolean bool() throws ConfigException {
        String value = single();
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw error("invalid " + option + " value '" + value + "': must be true or false");
        };
    }

    /** A whole number in {@code [min, max]}. */
    long integer(long min, long max) throws ConfigException {
        String value = single();
        long n = parseLong(value);
        if (n < min || n > max) {
            String range = min == Long.MIN_VALUE ? "at most " + max : "between " + min + " and " + max;
            throw error("invalid " + option + " value '" + value + "': must be " + range);
        }
        return n;
    }

    /** A whole number of at most {@code max}; a negative one means "no limit", read as 0. */
    long limitOrZero(long max) throws ConfigException {
        return Math.max(0, integer(Long.MIN_VALUE, max));
    }

    long parseLong(String value) throws ConfigException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw error("invalid " + option + " value '" + value + "': not a whole number (or too large)");
        }
    }
}
