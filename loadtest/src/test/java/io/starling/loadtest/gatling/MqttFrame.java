package io.starling.loadtest.gatling;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One MQTT packet received in a WebSocket binary frame, decoded by Netty's {@link MqttDecoder}.
 *
 * <p>The suite expects one packet per frame (what Mosquitto and Starling send); a frame carrying
 * several packets, or a part of one, is reported as a failed check rather than miscounted.
 *
 * @param code CONNACK return code, or the first SUBACK return code (granted QoS, 0x80 = failure); -1 otherwise
 * @param packetId the packet identifier of PUBLISH (QoS > 0), PUBACK, SUBACK; -1 otherwise
 */
record MqttFrame(MqttMessageType type, int code, int packetId, String topic, boolean retain, int qos, byte[] payload) {

    /** The packet type from the first byte alone: cheap enough for Gatling's per-message matching. */
    static MqttMessageType typeOf(byte[] frame) {
        if (frame.length == 0) {
            return null;
        }
        int value = (frame[0] & 0xF0) >> 4;
        return value >= 1 && value <= 15 ? MqttMessageType.valueOf(value) : null;
    }

    String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Decodes the frame, which must hold exactly one well-formed MQTT packet. */
    static MqttFrame decode(byte[] frame) {
        EmbeddedChannel channel = new EmbeddedChannel(new MqttDecoder());
        List<MqttMessage> messages = new ArrayList<>();
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(frame));
            for (Object m = channel.readInbound(); m != null; m = channel.readInbound()) {
                messages.add((MqttMessage) m);
            }
            if (messages.size() != 1) {
                throw new IllegalArgumentException("a WebSocket frame of " + frame.length + " bytes held "
                        + messages.size() + " MQTT packets; the suite expects one per frame");
            }
            MqttMessage message = messages.get(0);
            if (message.decoderResult().isFailure()) {
                throw new IllegalArgumentException("undecodable MQTT packet: " + message.decoderResult().cause());
            }
            return of(message);
        } finally {
            for (MqttMessage m : messages) {
                if (m instanceof MqttPublishMessage p) {
                    p.release();
                }
            }
            channel.finishAndReleaseAll();
        }
    }

    private static MqttFrame of(MqttMessage message) {
        MqttMessageType type = message.fixedHeader().messageType();
        int qos = message.fixedHeader().qosLevel().value();
        boolean retain = message.fixedHeader().isRetain();
        return switch (type) {
            case CONNACK -> new MqttFrame(type,
                    ((MqttConnAckMessage) message).variableHeader().connectReturnCode().byteValue() & 0xFF,
                    -1, null, retain, qos, new byte[0]);
            case SUBACK -> {
                MqttSubAckMessage suback = (MqttSubAckMessage) message;
                List<Integer> codes = suback.payload().grantedQoSLevels();
                yield new MqttFrame(type, codes.isEmpty() ? -1 : codes.get(0),
                        suback.variableHeader().messageId(), null, retain, qos, new byte[0]);
            }
            case PUBLISH -> {
                MqttPublishMessage publish = (MqttPublishMessage) message;
                ByteBuf content = publish.content();
                yield new MqttFrame(type, -1, publish.variableHeader().packetId(),
                        publish.variableHeader().topicName(), retain, qos, ByteBufUtil.getBytes(content));
            }
            case PUBACK, UNSUBACK, PUBREC, PUBREL, PUBCOMP -> new MqttFrame(type, -1,
                    ((MqttMessageIdVariableHeader) message.variableHeader()).messageId(), null, retain, qos, new byte[0]);
            default -> new MqttFrame(type, -1, -1, null, retain, qos, new byte[0]);
        };
    }
}
