package io.starling.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Asks for a password as mosquitto_ctrl does: the prompt on standard output, the answer read
 * without echo on a terminal (or as a line from piped input), then a line break, since the
 * user's return key was not echoed.
 */
final class CtrlPasswordPrompt {

    private final CtrlStreams io;
    /** One reader for every question: a second one would miss what the first had buffered. */
    private BufferedReader lines;

    CtrlPasswordPrompt(CtrlStreams io) {
        this.io = io;
    }

    CtrlStreams io() {
        return io;
    }

    /** The answer, or empty at the end of the input. */
    Optional<String> ask(String prompt) {
        PrintStream out = io.out();
        out.print(prompt);
        out.flush();
        Console console = io.in() == System.in ? System.console() : null;
        if (console != null) {
            // the console ends the line itself once the password is read
            char[] typed = console.readPassword();
            return typed == null ? Optional.empty() : Optional.of(new String(typed));
        }
        String answer = readLine();
        if (answer == null) {
            return Optional.empty();
        }
        out.println();
        return Optional.of(answer);
    }

    private String readLine() {
        try {
            if (lines == null) {
                lines = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            }
            return lines.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
