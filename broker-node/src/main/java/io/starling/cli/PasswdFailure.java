package io.starling.cli;

/**
 * Something starling-passwd cannot do: its message is what the user reads on stderr, or, when
 * there is none, the usage goes to stdout, as mosquitto_passwd does. Carries the exit status.
 */
final class PasswdFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    PasswdFailure(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    /** An "Error: ..." line and status 1. */
    static PasswdFailure error(String message) {
        return new PasswdFailure(message, 1);
    }

    /** The arguments fit no form: print the usage, status 1. */
    static PasswdFailure usage() {
        return new PasswdFailure(null, 1);
    }

    boolean showUsage() {
        return getMessage() == null;
    }

    int exitStatus() {
        return exitStatus;
    }
}
