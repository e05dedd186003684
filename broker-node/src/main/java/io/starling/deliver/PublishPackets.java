package io.starling.deliver;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.starling.mqtt.Message;
import io.starling.mqtt.MessageProperties;

/** Builds outbound PUBLISH packets and computes their encoded size (for Maximum Packet Size). */
final class PublishPackets {

    private PublishPackets() {
    }

    static MqttPublishMessage publish(
            Outgoing out, int packetId, boolean dup, boolean mqtt5, String topic, int alias, long nowMillis) {
        Message message = out.message();
        MqttProperties properties = mqtt5 ? properties(out, alias, nowMillis) : MqttProperties.NO_PROPERTIES;
        MqttFixedHeader fixed =
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(out.qos()), out.retain(), 0);
        // wrappedBuffer shares the payload array: fan-out never copies payload bytes
        return new MqttPublishMessage(
                fixed,
                new MqttPublishVariableHeader(topic, out.qos() > 0 ? packetId : -1, properties),
                Unpooled.wrappedBuffer(message.payload()));
    }

    private static MqttProperties properties(Outgoing out, int alias, long nowMillis) {
        Message message = out.message();
        MessageProperties p = message.properties();
        if (p.isEmpty() && message.expiresAtMillis() == 0 && out.subscriptionIds().length == 0 && alias == 0) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties properties = new MqttProperties();
        if (p.payloadFormatIndicator() != null) {
            properties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.PAYLOAD_FORMAT_INDICATOR, p.payloadFormatIndicator()));
        }
        if (message.expiresAtMillis() != 0) {
            properties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.PUBLICATION_EXPIRY_INTERVAL, (int) message.remainingExpirySeconds(nowMillis)));
        }
        if (p.contentType() != null) {
            properties.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, p.contentType()));
        }
        if (p.responseTopic() != null) {
            properties.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, p.responseTopic()));
        }
        if (p.correlationData() != null) {
            properties.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, p.correlationData()));
        }
        for (Message.UserProperty user : p.userProperties()) {
            properties.add(new MqttProperties.UserProperty(user.name(), user.value()));
        }
        for (int id : out.subscriptionIds()) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, id));
        }
        if (alias != 0) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, alias));
        }
        return properties;
    }

    /** The size of the encoded PUBLISH, header included. */
    static long encodedSize(Outgoing out, boolean mqtt5, String topic, int alias) {
        Message message = out.message();
        long remaining = 2 + utf8Length(topic) + (out.qos() > 0 ? 2 : 0) + message.payload().length;
        if (mqtt5) {
            long props = propertiesLength(out, alias);
            remaining += varIntLength(props) + props;
        }
        return 1 + varIntLength(remaining) + remaining;
    }

    private static long propertiesLength(Outgoing out, int alias) {
        Message message = out.message();
        MessageProperties p = message.properties();
        long length = 0;
        if (p.payloadFormatIndicator() != null) {
            length += 2;
        }
        if (message.expiresAtMillis() != 0) {
            length += 5;
        }
        if (p.contentType() != null) {
            length += 3 + utf8Length(p.contentType());
        }
        if (p.responseTopic() != null) {
            length += 3 + utf8Length(p.responseTopic());
        }
        if (p.correlationData() != null) {
            length += 3 + p.correlationData().length;
        }
        for (Message.UserProperty user : p.userProperties()) {
            length += 5 + utf8Length(user.name()) + utf8Length(user.value());
        }
        for (int id : out.subscriptionIds()) {
            length += 1 + varIntLength(id);
        }
        if (alias != 0) {
            length += 3;
        }
        return length;
    }

    private static int varIntLength(long value) {
        int length = 1;
        while (value >= 128) {
            value >>= 7;
            length++;
        }
        return length;
    }

    private static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

}
