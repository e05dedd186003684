package io.starling.cli;

/**
 * The broker answered the CONNECT with a refusal; commands that speak as mosquitto_ctrl
 * report the code in its words ({@link ConnectRefusal#asMosquittoCtrl}).
 */
final class RefusedConnection extends CtrlFailure {

    private final int protocolLevel;
    private final int code;

    RefusedConnection(String message, int protocolLevel, int code) {
        super(message);
        this.protocolLevel = protocolLevel;
        this.code = code;
    }

    int protocolLevel() {
        return protocolLevel;
    }

    /** The CONNACK's return code (MQTT 3.1/3.1.1) or reason code (MQTT 5). */
    int code() {
        return code;
    }
}
