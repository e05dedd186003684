package io.starling.loadtest.gatling;

import java.util.UUID;

/**
 * Topic names and client identifiers unique to one run of one scenario, so that nothing left by an
 * earlier run (retained messages, lingering sessions) is counted.
 */
record RunTopics(String prefix, String clientIdPrefix) {

    /** @param code a short name of the scenario, e.g. {@code fi} for fan-in */
    static RunTopics create(String code) {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        return new RunTopics("starling-gatling/" + code + "/" + runId, code + "-" + runId + "-");
    }

    String topic(String suffix) {
        return prefix + "/" + suffix;
    }

    /** A client identifier for a virtual user (short: MQTT 3.1.1 only promises 23 characters). */
    String clientId(String role, long userId) {
        return clientIdPrefix + role + userId;
    }
}
