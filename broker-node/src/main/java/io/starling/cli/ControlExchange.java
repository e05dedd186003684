package io.starling.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One request to a broker API on a {@code $CONTROL/...} topic: subscribe to its
 * {@code /response} topic, publish the request, return the first answer.
 */
final class ControlExchange {

    /** mosquitto_ctrl waits for ever; a script is better served by an error. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private ControlExchange() {
    }

    /** Publishes {@code payload} to {@code topic} and returns the answer on {@code topic/response}. */
    static String request(CtrlOptions options, String topic, String payload) throws CtrlFailure {
        String responseTopic = topic + "/response";
        try (BlockingMqttClient client = BlockingMqttClient.connect(options, CONNECT_TIMEOUT)) {
            client.subscribe(List.of(responseTopic), CONNECT_TIMEOUT);
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                Optional<BlockingMqttClient.Publish> next =
                        left > 0 ? client.next(Duration.ofNanos(left)) : Optional.empty();
                if (next.isEmpty()) {
                    throw new CtrlFailure("no answer on " + responseTopic + " from " + options.target() + " within "
                            + ANSWER_TIMEOUT.toSeconds() + " s: does the broker serve " + topic
                            + ", and may this user publish to it?");
                }
                if (next.get().topic().equals(responseTopic)) {
                    return next.get().text();
                }
            }
        }
    }
}
