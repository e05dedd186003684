package io.starling.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A dynsec command line that is never sent to the broker, with what mosquitto_ctrl 2.0.11 prints
 * to standard error for it and its exit status: 3 (MOSQ_ERR_INVAL) for wrong arguments, 13
 * (MOSQ_ERR_UNKNOWN) for an unknown command, 0 for a password typed twice differently.
 */
final class DynsecRefusal extends Exception {

    static final int INVALID_ARGUMENTS = 3;
    static final int UNKNOWN_COMMAND = 13;
    private static final String INVALID = "Error: Invalid function arguments provided.";

    private final transient List<String> errorLines;
    private final int exitCode;

    private DynsecRefusal(List<String> errorLines, int exitCode) {
        super(String.join("\n", errorLines));
        this.errorLines = List.copyOf(errorLines);
        this.exitCode = exitCode;
    }

    /** Wrong arguments, after an optional line that says which. */
    static DynsecRefusal invalidArguments(String... before) {
        List<String> lines = new ArrayList<>(List.of(before));
        lines.add(INVALID);
        return new DynsecRefusal(lines, INVALID_ARGUMENTS);
    }

    static DynsecRefusal unknownCommand(String command) {
        return new DynsecRefusal(List.of("Command '" + command + "' not recognised."), UNKNOWN_COMMAND);
    }

    /** A refusal mosquitto_ctrl reports but still exits 0 for (a password prompt's failure). */
    static DynsecRefusal quiet(String line) {
        return new DynsecRefusal(List.of(line), 0);
    }

    List<String> errorLines() {
        return errorLines;
    }

    int exitCode() {
        return exitCode;
    }
}
