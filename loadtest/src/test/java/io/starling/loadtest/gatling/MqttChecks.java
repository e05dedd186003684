package io.starling.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.WsFrameCheck;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.util.function.BiFunction;

/**
 * Gatling checks on inbound WebSocket binary frames holding MQTT packets.
 *
 * <p>A Gatling WebSocket check waits for the next frame its {@code matching} condition accepts;
 * here that is the packet type (from the first byte). Frames of other types that arrive while it
 * waits are skipped. Each check is reported as a request under its name, timed from the send (or
 * from the previous check sequence's end) to the matching frame: so every expected packet, and
 * every expected delivered message, is one counted request in the report.
 */
final class MqttChecks {

    private MqttChecks() {}

    /** The session key of the packet identifier last used by this virtual user. */
    static final String PACKET_ID = "mqttPacketId";

    static WsFrameCheck.Binary connack(String name) {
        return of(name, MqttMessageType.CONNACK, (frame, session) ->
                frame.code() == 0 ? null : "CONNACK return code " + frame.code());
    }

    /** A SUBACK for the last packet identifier that grants the subscription. */
    static WsFrameCheck.Binary suback(String name) {
        return suback(name, () -> {});
    }

    /**
     * Like {@link #suback(String)}, and runs {@code onGranted} when it arrives: from then on the
     * broker delivers to this subscriber (e.g. to tell waiting publishers through a
     * {@link Rendezvous}). It runs on the frame's own processing, before later frames are looked at.
     */
    static WsFrameCheck.Binary suback(String name, Runnable onGranted) {
        return of(name, MqttMessageType.SUBACK, (frame, session) -> {
            if (frame.packetId() != session.getInt(PACKET_ID)) {
                return "SUBACK for packet " + frame.packetId() + ", expected " + session.getInt(PACKET_ID);
            }
            if (frame.code() < 0 || frame.code() > 2) {
                return "subscription refused, SUBACK code " + frame.code();
            }
            onGranted.run();
            return null;
        });
    }

    /** A PUBACK for the last packet identifier. */
    static WsFrameCheck.Binary puback(String name) {
        return of(name, MqttMessageType.PUBACK, (frame, session) ->
                frame.packetId() == session.getInt(PACKET_ID) ? null
                        : "PUBACK for packet " + frame.packetId() + ", expected " + session.getInt(PACKET_ID));
    }

    static WsFrameCheck.Binary pingresp(String name) {
        return of(name, MqttMessageType.PINGRESP, (frame, session) -> null);
    }

    /**
     * A received PUBLISH.
     *
     * @param problem says what is wrong with the PUBLISH, or null when it is as expected
     */
    static WsFrameCheck.Binary publish(String name, BiFunction<MqttFrame, Session, String> problem) {
        return of(name, MqttMessageType.PUBLISH, problem);
    }

    /** Saves the packet identifier of the matched frame under {@code key} (e.g. to PUBACK it). */
    static CheckBuilder savePacketId(String key) {
        return bodyBytes().transform(bytes -> MqttFrame.decode(bytes).packetId()).saveAs(key);
    }

    private static WsFrameCheck.Binary of(String name, MqttMessageType type, BiFunction<MqttFrame, Session, String> problem) {
        return ws.checkBinaryMessage(name)
                .matching(bodyBytes().transform(MqttFrame::typeOf).is(type))
                .check(bodyBytes().transformWithSession((bytes, session) -> {
                    String found;
                    try {
                        found = problem.apply(MqttFrame.decode(bytes), session);
                    } catch (IllegalArgumentException e) {
                        found = e.getMessage();
                    }
                    return found == null ? "ok" : found;
                }).is("ok"));
    }
}
