package io.starling.loadtest.gatling;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;

/**
 * MQTT 3.1.1 packets a client sends, as the bytes of one WebSocket binary frame each.
 *
 * <p>Netty's {@link MqttEncoder} does the encoding; it runs on an {@link EmbeddedChannel}, which
 * is the plain way to use a Netty handler outside a network pipeline (the encoder's own encode
 * method is not public). Without a version attribute on the channel the encoder writes 3.1.1.
 */
final class MqttPackets {

    private MqttPackets() {}

    static byte[] connect(String clientId, int keepAliveSeconds) {
        return encode(MqttMessageBuilders.connect()
                .clientId(clientId)
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .cleanSession(true)
                .keepAlive(keepAliveSeconds)
                .build());
    }

    static byte[] subscribe(int packetId, String topicFilter, MqttQoS qos) {
        return encode(MqttMessageBuilders.subscribe()
                .messageId(packetId)
                .addSubscription(qos, topicFilter)
                .build());
    }

    /** A PUBLISH; {@code packetId} is ignored at QoS 0, which has none. */
    static byte[] publish(String topic, MqttQoS qos, boolean retain, int packetId, byte[] payload) {
        return encode(MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(qos)
                .retained(retain)
                .messageId(qos == MqttQoS.AT_MOST_ONCE ? 0 : packetId)
                .payload(Unpooled.wrappedBuffer(payload))
                .build());
    }

    static byte[] publish(String topic, MqttQoS qos, boolean retain, int packetId, String payload) {
        return publish(topic, qos, retain, packetId, payload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] puback(int packetId) {
        return encode(MqttMessageBuilders.pubAck().packetId(packetId).build());
    }

    static byte[] pingreq() {
        return encode(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0)));
    }

    /** DISCONNECT as MQTT 3.1.1 has it: a fixed header alone (no reason code, that is MQTT 5). */
    static byte[] disconnect() {
        return encode(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0)));
    }

    private static byte[] encode(MqttMessage message) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        try {
            if (!channel.writeOutbound(message)) {
                throw new IllegalStateException("the encoder wrote nothing for " + message.fixedHeader());
            }
            ByteBuf all = Unpooled.buffer();
            for (ByteBuf part = channel.readOutbound(); part != null; part = channel.readOutbound()) {
                all.writeBytes(part);
                part.release();
            }
            byte[] bytes = new byte[all.readableBytes()];
            all.readBytes(bytes);
            return bytes;
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
