package io.starling.publish;

import io.starling.mqtt.MessageProperties;

/**
 * A PUBLISH as received from a client, copied out of Netty's buffers on the event loop so that
 * the session actor owns plain immutable data.
 *
 * @param topic         may be empty when a topic alias is used (MQTT 5)
 * @param topicAlias    0 when absent
 * @param expirySeconds Message Expiry Interval, -1 when absent
 */
public record InboundPublish(
        int packetId,
        int qos,
        boolean dup,
        boolean retain,
        String topic,
        int topicAlias,
        byte[] payload,
        MessageProperties properties,
        long expirySeconds) {
}
