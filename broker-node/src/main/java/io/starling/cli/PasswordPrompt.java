package io.starling.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Where starling-passwd asks for a password: the terminal, without echo, when there is one;
 * otherwise the next line of standard input, so scripts and tests can answer.
 */
@FunctionalInterface
interface PasswordPrompt {

    /** Shows {@code prompt} and returns what was typed, without the line end; null at end of input. */
    String ask(String prompt) throws IOException;

    /** The terminal, echo off. */
    static PasswordPrompt console(Console console) {
        return prompt -> {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null ? null : new String(typed);
        };
    }

    /**
     * Lines of {@code in}, the prompt written to {@code out}. A non-empty answer is followed by a
     * line break, which a terminal with echo off would not have shown: mosquitto_passwd's output.
     */
    static PasswordPrompt lines(BufferedReader in, PrintStream out) {
        return prompt -> {
            out.print(prompt);
            out.flush();
            String line = in.readLine();
            if (line != null && line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line != null && !line.isEmpty()) {
                out.println();
            }
            return line;
        };
    }
}
