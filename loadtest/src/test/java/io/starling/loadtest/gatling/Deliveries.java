package io.starling.loadtest.gatling;

import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.WsFrameCheck;
import io.gatling.javaapi.http.WsSendBinaryActionBuilder;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * Makes every message a subscriber must receive a checked request of its own: the SUBSCRIBE is
 * followed by one check sequence for the SUBACK and then one per expected PUBLISH, each with its
 * own timeout. Gatling goes from one sequence to the next without a gap, so no PUBLISH can slip
 * between them; a missing one fails its check (timeout), and the report's count of successful
 * delivery checks is the count of messages received.
 *
 * <p>A delivery check's time is measured from the previous check's frame: the gap between
 * messages, not their latency (the request/response simulation measures that).
 */
final class Deliveries {

    private Deliveries() {}

    /**
     * @param subscribe the SUBSCRIBE send
     * @param suback its SUBACK check
     * @param firstWait how long the first message may take (publishers may still be connecting)
     * @param expected how many PUBLISH frames must arrive
     * @param check the check of the i-th PUBLISH (from 0)
     */
    static WsSendBinaryActionBuilder expect(WsSendBinaryActionBuilder subscribe, WsFrameCheck.Binary suback,
            Duration firstWait, int expected, IntFunction<WsFrameCheck.Binary> check) {
        WsSendBinaryActionBuilder action = subscribe.await(MqttSteps.TIMEOUT).on(suback);
        for (int i = 0; i < expected; i++) {
            action = action.await(i == 0 ? firstWait : MqttSteps.TIMEOUT).on(check.apply(i));
        }
        return action;
    }

    /** A PUBLISH on a topic under {@code prefix}, with the retain flag as given. */
    static BiFunction<MqttFrame, Session, String> under(String prefix, boolean retained) {
        return (frame, session) -> {
            if (frame.topic() == null || !frame.topic().startsWith(prefix + "/")) {
                return "PUBLISH on " + frame.topic() + ", not under " + prefix;
            }
            if (frame.retain() != retained) {
                return "PUBLISH with retain=" + frame.retain() + ", expected " + retained;
            }
            return null;
        };
    }
}
