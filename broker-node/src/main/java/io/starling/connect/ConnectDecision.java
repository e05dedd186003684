package io.starling.connect;

import io.starling.session.ConnectRequest;

/** The outcome of checking a CONNECT: a request for the session, or a refusal for the CONNACK. */
public sealed interface ConnectDecision {

    record Accepted(ConnectRequest request) implements ConnectDecision {
    }

    /**
     * @param v3Code CONNACK return code for MQTT 3.1/3.1.1
     * @param v5Code CONNACK reason code for MQTT 5
     */
    record Refused(byte v3Code, byte v5Code, String reason) implements ConnectDecision {
    }
}
