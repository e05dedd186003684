package io.starling.cli;

/** Something starling-ctrl cannot do; its message is what the user reads (exit status 1). */
class CtrlFailure extends Exception {

    CtrlFailure(String message) {
        super(message);
    }

    CtrlFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
