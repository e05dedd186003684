package io.starling.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags of {@code bin/starling}, which are Mosquitto's ({@code man mosquitto}).
 *
 * <p>A node's {@code main} does:
 * <pre>{@code
 * CommandLine cl = CommandLine.parse(List.of(args));
 * if (cl.help()) { print CommandLine.usage(); exit }
 * BrokerConfig config = ConfigParser.parse(cl);
 * }</pre>
 *
 * @param configFile {@code -c FILE}, or null for none (then Mosquitto's defaults apply)
 * @param ports {@code -p PORT} values in order; as in Mosquitto 2.0 they open loopback-only
 *     listeners, and only when the configuration defines no listener of its own
 * @param verbose {@code -v}: log every type, whatever {@code log_type} says
 * @param help {@code -h}: the caller prints {@link #usage()} instead of starting
 */
public record CommandLine(Path configFile, List<Integer> ports, boolean verbose, boolean help) {

    /** Mosquitto accepts at most this many {@code -p} flags. */
    public static final int MAX_PORTS = 10;

    public CommandLine {
        ports = List.copyOf(ports);
    }

    /** No flags at all. */
    public static CommandLine none() {
        return new CommandLine(null, List.of(), false, false);
    }

    /** Reads the arguments given to {@code bin/starling}. */
    public static CommandLine parse(List<String> args) throws ConfigException {
        Path configFile = null;
        List<Integer> ports = new ArrayList<>();
        boolean verbose = false;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "-c", "--config-file" -> {
                    String value = valueAfter(args, i, flag, "no config file specified");
                    if (configFile != null) {
                        // Mosquitto would read both files into one configuration; nobody means that.
                        throw ConfigException.commandLine(flag, flag + " given more than once");
                    }
                    configFile = Path.of(value);
                    i++;
                }
                case "-p", "--port" -> {
                    String value = valueAfter(args, i, flag, "no port specified");
                    if (ports.size() == MAX_PORTS) {
                        throw ConfigException.commandLine(flag,
                                "only " + MAX_PORTS + " ports can be specified on the command line");
                    }
                    ports.add(port(flag, value));
                    i++;
                }
                case "-v", "--verbose" -> verbose = true;
                case "-h", "--help" -> help = true;
                case "-d", "--daemon" -> throw ConfigException.commandLine(flag,
                        flag + " is not supported: run Starling in the foreground under a service manager"
                                + " (systemd, Docker, Kubernetes)");
                case "--tls-keylog" -> throw ConfigException.commandLine(flag,
                        "option '" + flag + "' is not supported by Starling");
                default -> throw ConfigException.commandLine(flag, "unknown option '" + flag + "'");
            }
        }
        return new CommandLine(configFile, ports, verbose, help);
    }

    private static String valueAfter(List<String> args, int i, String flag, String missing)
            throws ConfigException {
        if (i + 1 >= args.size()) {
            throw ConfigException.commandLine(flag, flag + " argument given, but " + missing);
        }
        return args.get(i + 1);
    }

    private static int port(String flag, String value) throws ConfigException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, like an out-of-range port
        }
        throw ConfigException.commandLine(flag, "invalid port '" + value + "' for " + flag
                + ": must be between 1 and 65535");
    }

    /** Help text in the style of {@code mosquitto -h}. */
    public static String usage() {
        return """
                starling is a clustered MQTT v5.0/v3.1.1/v3.1 broker.

                Usage: starling [-c config_file] [-h] [-p port] [-v]

                 -c : specify the broker config file (mosquitto.conf syntax).
                 -h : display this help.
                 -p : start the broker listening on the specified port, on the
                      loopback interface only. May be given up to 10 times.
                      Ignored if the config file defines a listener.
                 -v : verbose mode - enable all logging types. This overrides
                      any logging options given in the config file.

                Starling does not daemonise (-d): run it under a service manager.
                See docs/configuration.md for the options Starling understands.
                """;
    }
}
