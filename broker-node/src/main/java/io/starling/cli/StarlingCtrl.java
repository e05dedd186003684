package io.starling.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/starling-ctrl}: asks a running node about itself over MQTT, with mosquitto_ctrl's
 * connection options. Each command is a class of its own ({@link CtrlCommand}); this class only
 * reads the options and picks the command.
 */
public final class StarlingCtrl {

    // dynsec init (writing a new dynamic-security file) belongs to another class; register it here when it exists
    private static final Map<String, CtrlCommand> COMMANDS =
            Map.of("cluster", new ClusterCommand(), "dynsec", new DynsecCommand(), "reload", new ReloadCommand());

    private StarlingCtrl() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.in, System.out, System.err));
    }

    /** Runs starling-ctrl with {@code args}, passwords typed on the standard input; returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** Runs starling-ctrl with {@code args}, reading typed passwords from {@code in}; returns the exit status. */
    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        CtrlOptions options;
        try {
            options = CtrlOptions.parse(args);
        } catch (CtrlFailure e) {
            err.println("Error: " + e.getMessage());
            err.println("Use 'starling-ctrl --help' to see usage.");
            return 1;
        }
        if (options.help()) {
            out.print(CtrlOptions.usage());
            return 0;
        }
        if (options.command().isEmpty()) {
            err.print(CtrlOptions.usage());
            return 1;
        }
        CtrlCommand command = COMMANDS.get(options.command().get(0));
        if (command == null) {
            err.println("Error: unknown command '" + options.command().get(0) + "'.");
            err.println("Use 'starling-ctrl --help' to see usage.");
            return 1;
        }
        try {
            return command.run(options, options.command().subList(1, options.command().size()),
                    new CtrlStreams(in, out, err));
        } catch (CtrlFailure e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
    }
}
