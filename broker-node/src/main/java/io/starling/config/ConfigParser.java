package io.starling.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads a node's configuration: a mosquitto.conf-syntax file and/or Mosquitto's command-line
 * flags, each option meaning exactly what it means in Mosquitto 2.0 (see docs/configuration.md).
 * Anything Starling cannot honour is an error naming file, line and option — never ignored.
 * Warnings (harmless options Starling ignores) go to the SLF4J logger {@code io.starling.config}.
 */
public final class ConfigParser {

    private ConfigParser() {
    }

    /** The configuration in {@code file}, as {@code starling -c file} would run it. */
    public static BrokerConfig parse(Path file) throws ConfigException {
        return parse(new CommandLine(file, List.of(), false, false));
    }

    /**
     * The configuration given by command-line arguments ({@code -c}, {@code -p}, {@code -v}).
     * {@code -h} is the caller's to act on: see {@link CommandLine}.
     */
    public static BrokerConfig parse(List<String> args) throws ConfigException {
        return parse(CommandLine.parse(args));
    }

    /** The configuration given by already-parsed command-line flags. */
    public static BrokerConfig parse(CommandLine commandLine) throws ConfigException {
        ConfigDraft draft = new ConfigDraft();
        if (commandLine.configFile() != null) {
            new ConfigFileReader(draft, commandLine.configFile()).readMain();
        }
        return draft.build(commandLine);
    }
}
