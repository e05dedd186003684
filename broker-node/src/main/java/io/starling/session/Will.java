package io.starling.session;

import io.starling.mqtt.Message;

/**
 * A client's Last Will: published when its connection ends without a normal DISCONNECT.
 *
 * @param message       the will, with no expiry time set yet
 * @param delaySeconds  MQTT 5 Will Delay Interval (0 = at once)
 * @param expirySeconds MQTT 5 Message Expiry Interval, counted from publication; -1 = none
 */
public record Will(Message message, long delaySeconds, long expirySeconds) {

    /** The will as published now: its expiry clock starts here. */
    public Message toMessage(long nowMillis) {
        if (expirySeconds < 0) {
            return message;
        }
        return new Message(message.topic(), message.qos(), message.retain(), message.payload(),
                message.properties(), nowMillis + expirySeconds * 1000, message.publisherClientId());
    }
}
