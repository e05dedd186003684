package io.starling.connect;

import io.starling.mqtt.ReasonCodes;
import io.starling.session.ConnectRequest;

/** The outcome of checking a CONNECT: a request for the session, or a refusal for the CONNACK. */
public sealed interface ConnectDecision {

    record Accepted(ConnectRequest request) implements ConnectDecision {
    }

    /**
     * @param v3Code             CONNACK return code for MQTT 3.1/3.1.1
     * @param v5Code             CONNACK reason code for MQTT 5
     * @param failedCredentials  refused for its username or password: counts towards the
     *                           address's {@code auth_failure_limit}
     */
    record Refused(byte v3Code, byte v5Code, String reason, boolean failedCredentials) implements ConnectDecision {

        public Refused(byte v3Code, byte v5Code, String reason) {
            this(v3Code, v5Code, reason, false);
        }

        /** Refused for who the client is: 3.1.1's "not authorised" (5), as Mosquitto answers. */
        static Refused authentication(byte v5Code, String reason) {
            return new Refused(ReasonCodes.V3_NOT_AUTHORIZED, v5Code, reason, true);
        }
    }
}
