package io.starling.loadtest;

/** The run could not take place (broker unreachable, clients refused): no result to report. */
final class RunFailure extends Exception {

    RunFailure(String message) {
        super(message);
    }
}
