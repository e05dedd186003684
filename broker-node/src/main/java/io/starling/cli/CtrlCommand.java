package io.starling.cli;

import java.util.List;

/** One of starling-ctrl's commands ({@code cluster}, {@code dynsec}, ...), one class each. */
interface CtrlCommand {

    /**
     * Runs the command; returns the exit status, or throws with the message for the user.
     *
     * @param words the words after the command's name, e.g. [status] for {@code cluster status}
     */
    int run(CtrlOptions options, List<String> words, CtrlStreams io) throws CtrlFailure;
}
