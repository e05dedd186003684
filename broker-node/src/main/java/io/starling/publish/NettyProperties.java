package io.starling.publish;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.starling.mqtt.Message;
import io.starling.mqtt.MessageProperties;
import java.util.ArrayList;
import java.util.List;

/** Reads the pass-through properties of a PUBLISH or will out of Netty's decoded properties. */
public final class NettyProperties {

    private NettyProperties() {
    }

    public static MessageProperties messageProperties(MqttProperties properties) {
        if (properties == null || properties.isEmpty()) {
            return MessageProperties.NONE;
        }
        Integer payloadFormat = integer(properties, MqttProperties.PAYLOAD_FORMAT_INDICATOR);
        String contentType = string(properties, MqttProperties.CONTENT_TYPE);
        String responseTopic = string(properties, MqttProperties.RESPONSE_TOPIC);
        MqttProperties.MqttProperty<?> correlation = properties.getProperty(MqttProperties.CORRELATION_DATA);
        byte[] correlationData = correlation == null ? null : (byte[]) correlation.value();
        List<Message.UserProperty> users = List.of();
        MqttProperties.MqttProperty<?> userProperties = properties.getProperty(MqttProperties.USER_PROPERTY);
        if (userProperties instanceof MqttProperties.UserProperties list) {
            users = new ArrayList<>(list.value().size());
            for (MqttProperties.StringPair pair : list.value()) {
                users.add(new Message.UserProperty(pair.key, pair.value));
            }
            users = List.copyOf(users);
        }
        if (payloadFormat == null && contentType == null && responseTopic == null
                && correlationData == null && users.isEmpty()) {
            return MessageProperties.NONE;
        }
        return new MessageProperties(payloadFormat, contentType, responseTopic, correlationData, users);
    }

    /** An unsigned four-byte integer property (expiry intervals), or -1 when absent. */
    public static long unsignedInt(MqttProperties properties, int id) {
        Integer value = integer(properties, id);
        return value == null ? -1 : Integer.toUnsignedLong(value);
    }

    public static Integer integer(MqttProperties properties, int id) {
        MqttProperties.MqttProperty<?> property = properties == null ? null : properties.getProperty(id);
        return property == null ? null : (Integer) property.value();
    }

    public static String string(MqttProperties properties, int id) {
        MqttProperties.MqttProperty<?> property = properties == null ? null : properties.getProperty(id);
        return property == null ? null : (String) property.value();
    }
}
