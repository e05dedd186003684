package io.starling.publish;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker's request/response APIs on {@code $CONTROL/...} topics, as Mosquitto 2.0 has them: a
 * PUBLISH to an endpoint's topic is handed to it instead of being routed (Mosquitto never delivers
 * a {@code $CONTROL} publish to subscribers, even without a handler), and its answer is published
 * on the same topic with {@code /response} appended. Who may call an endpoint is the ACL's
 * business: a client needs write access to its topic, and read access to the response topic.
 */
public final class ControlEndpoints {

    /** The topics all endpoints live under. */
    public static final String PREFIX = "$CONTROL/";

    /** One API, e.g. dynamic security on {@code $CONTROL/dynamic-security/v1}. */
    public interface Endpoint {
        /**
         * Handles one request; the answer is published to the response topic when the stage
         * completes (null: no answer).
         */
        CompletionStage<byte[]> handle(ControlRequest request);
    }

    /** A request as it arrived: who sent it, and its payload (JSON for Mosquitto's APIs). */
    public record ControlRequest(String clientId, String username, byte[] payload) {
    }

    private final Map<String, Endpoint> byTopic = new ConcurrentHashMap<>();

    public static boolean isControlTopic(String topic) {
        return topic.startsWith(PREFIX);
    }

    public void register(String topic, Endpoint endpoint) {
        if (!isControlTopic(topic)) {
            throw new IllegalArgumentException("not a $CONTROL topic: " + topic);
        }
        byTopic.put(topic, endpoint);
    }

    /** The endpoint of {@code topic}, or null when none is registered there. */
    Endpoint find(String topic) {
        return byTopic.get(topic);
    }
}
