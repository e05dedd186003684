package io.starling.deliver;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/** PUBACK, PUBREC, PUBREL and PUBCOMP packets, in both directions of the QoS handshakes. */
public final class AckPackets {

    private AckPackets() {
    }

    /** The reason code is sent to MQTT 5 clients only (the encoder leaves it out for MQTT 3). */
    public static MqttMessage of(MqttMessageType type, int packetId, byte reasonCode) {
        // PUBREL's fixed header carries the flags 0010 (MQTT 3.6.1)
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(
                new MqttFixedHeader(type, false, qos, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, reasonCode, MqttProperties.NO_PROPERTIES));
    }
}
