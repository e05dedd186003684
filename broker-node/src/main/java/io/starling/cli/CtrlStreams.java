package io.starling.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a starling-ctrl command reads and writes: results to {@code out}, warnings and errors to
 * {@code err} (as mosquitto_ctrl splits them), typed passwords from {@code in}.
 */
record CtrlStreams(InputStream in, PrintStream out, PrintStream err) {
}
