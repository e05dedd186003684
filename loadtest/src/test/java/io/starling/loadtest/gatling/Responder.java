package io.starling.loadtest.gatling;

import io.gatling.http.action.ws.WsInboundMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The state of the request/response responder (one virtual user): requests read from Gatling's
 * buffer of unmatched frames and not yet answered, and counts. Only that user's actions touch it,
 * one at a time, so it needs no locking.
 *
 * <p>A request's payload is {@code "<response topic> <sequence>"} (MQTT 3.1.1 has no
 * response-topic property); the response's payload is the sequence.
 */
final class Responder {

    record Request(int packetId, String responseTopic, String sequence) {}

    private final ArrayDeque<Request> pending = new ArrayDeque<>();
    private int answered;
    private int pubacks;
    private int nextPacketId;

    /** Takes the requests and PUBACKs out of frames the responder received. */
    void take(List<WsInboundMessage> messages, String requestTopic) {
        for (WsInboundMessage message : messages) {
            if (!(message instanceof WsInboundMessage.Binary binary)) {
                continue;
            }
            MqttFrame frame = MqttFrame.decode(binary.message());
            if (frame.type() == MqttMessageType.PUBACK) {
                pubacks++;
            } else if (frame.type() == MqttMessageType.PUBLISH && requestTopic.equals(frame.topic())) {
                String[] parts = new String(frame.payload(), StandardCharsets.UTF_8).split(" ", 2);
                pending.add(new Request(frame.packetId(), parts[0], parts.length > 1 ? parts[1] : ""));
            }
        }
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    Request peek() {
        return pending.peek();
    }

    /** Marks the oldest request answered and gives the packet identifier for its response. */
    int answer() {
        pending.poll();
        answered++;
        nextPacketId = nextPacketId % 65535 + 1;
        return nextPacketId;
    }

    int answered() {
        return answered;
    }

    int pubacks() {
        return pubacks;
    }
}
