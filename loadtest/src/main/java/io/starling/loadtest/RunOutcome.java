package io.starling.loadtest;

import java.util.List;

/** What a finished run reports: a message run ({@link RunResult}) or a connection run ({@link ConnectResult}). */
sealed interface RunOutcome permits RunResult, ConnectResult {

    /** A few lines for a person reading the terminal. */
    List<String> humanLines();

    /** The machine-readable last line: "RESULT key=value ...". */
    String summaryLine();

    /** Why the run counts as failed (exit status 1), or null if it did not. */
    String failure();
}
