package io.starling.config;

import java.nio.file.Path;

/**
 * Where an option was set: the file and its 1-based line. Kept with settings whose value is only
 * checked later (files read when a listener opens, or again on reload), so that the error still
 * points at the line to fix.
 */
public record OptionLine(Path file, int line, String option) {

    /** A {@link ConfigException} for this line: {@code FILE:LINE: reason}. */
    public ConfigException error(String reason) {
        return new ConfigException(file, line, option, reason);
    }
}
