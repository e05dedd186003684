package io.starling.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * starling-ctrl's command line: mosquitto_ctrl's connection options that make sense here, then
 * the command and its words ({@code cluster status}, {@code dynsec getClient NAME}).
 *
 * @param host          {@code -h}, {@code --host} [localhost]
 * @param port          {@code -p}, {@code --port} [1883]
 * @param username      {@code -u}, {@code --username}, or null
 * @param password      {@code -P}, {@code --pw}, or null
 * @param clientId      {@code -i}, {@code --id}, or null to let the client choose one
 * @param protocolLevel {@code -V}, {@code --protocol-version}: 3 (MQTT 3.1), 4 (3.1.1) or 5 [4, as mosquitto_ctrl]
 * @param help          {@code --help}
 * @param command       the command and its words, e.g. [cluster, status]
 */
record CtrlOptions(String host, int port, String username, String password, String clientId, int protocolLevel,
        boolean help, List<String> command) {

    static final String DEFAULT_HOST = "localhost";
    static final int DEFAULT_PORT = 1883;

    CtrlOptions {
        command = List.copyOf(command);
    }

    /** "host:port", for messages. */
    String target() {
        return host + ":" + port;
    }

    /** Options come first; the first word that is not an option starts the command. */
    static CtrlOptions parse(List<String> args) throws CtrlFailure {
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        String username = null;
        String password = null;
        String clientId = null;
        int level = 4;
        boolean help = false;
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-"); i++) {
            String option = args.get(i);
            switch (option) {
                case "--help" -> help = true;
                case "-h", "--host" -> host = value(args, ++i, option);
                case "-p", "--port" -> port = port(value(args, ++i, option));
                case "-u", "--username" -> username = value(args, ++i, option);
                case "-P", "--pw" -> password = value(args, ++i, option);
                case "-i", "--id" -> clientId = value(args, ++i, option);
                case "-V", "--protocol-version" -> level = protocolLevel(value(args, ++i, option));
                default -> throw new CtrlFailure("unknown option '" + option + "'");
            }
        }
        if (password != null && username == null && level < 5) {
            throw new CtrlFailure("-P needs -u: MQTT 3.1.1 sends a password only with a username");
        }
        List<String> command = new ArrayList<>(args.subList(i, args.size()));
        return new CtrlOptions(host, port, username, password, clientId, level, help, command);
    }

    private static String value(List<String> args, int index, String option) throws CtrlFailure {
        if (index >= args.size()) {
            throw new CtrlFailure("option " + option + " needs a value");
        }
        return args.get(index);
    }

    private static int port(String text) throws CtrlFailure {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CtrlFailure("invalid port '" + text + "': expected 1..65535");
    }

    private static int protocolLevel(String text) throws CtrlFailure {
        return switch (text) {
            case "31", "mqttv31" -> 3;
            case "311", "mqttv311" -> 4;
            case "5", "mqttv5" -> 5;
            default -> throw new CtrlFailure(
                    "invalid protocol version '" + text + "': expected mqttv31, mqttv311 or mqttv5");
        };
    }

    static String usage() {
        return """
                starling-ctrl: inspect and administer a running Starling or Mosquitto broker.

                Usage: starling-ctrl [connection-options] COMMAND ...
                       starling-ctrl --help

                Commands:
                  cluster status     the members of the node's cluster, as that node sees them
                  dynsec COMMAND ... the dynamic-security plugin's clients, groups, roles and
                                     default access, as mosquitto_ctrl's dynsec commands;
                                     'starling-ctrl dynsec help' lists them
                  reload             the node re-reads its password, ACL and TLS files (as SIGHUP)

                Connection options (as mosquitto_ctrl):
                  -h, --host HOST                  broker to ask [localhost]
                  -p, --port PORT                  its MQTT port [1883]
                  -u, --username USER
                  -P, --pw PASSWORD
                  -i, --id CLIENT_ID               [a random one]
                  -V, --protocol-version VERSION   mqttv31, mqttv311 or mqttv5 [mqttv311]

                The cluster commands read the node's $SYS/broker/cluster/# topics, so the node
                must publish $SYS (sys_interval above 0) and the user must be allowed to read them.
                The dynsec commands publish to $CONTROL/dynamic-security/v1 and read the answer on
                $CONTROL/dynamic-security/v1/response, so the user needs a role that allows both;
                reload likewise uses $CONTROL/starling/v1 and $CONTROL/starling/v1/response.
                """;
    }
}
