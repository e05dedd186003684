package io.starling.mqtt;

import java.util.List;

/**
 * An application message on its way through the broker: what a PUBLISH (or a will) carries.
 *
 * <p>Immutable. The payload array is shared by every subscriber the message fans out to and
 * must never be modified after construction; outbound packets wrap it without copying.
 *
 * @param topic             topic name (never an alias)
 * @param qos               QoS the publisher sent it with (0, 1 or 2)
 * @param retain            the publisher's RETAIN flag
 * @param payload           the payload bytes (shared, read-only by convention)
 * @param properties        MQTT 5 properties passed through to subscribers
 * @param expiresAtMillis   wall-clock time after which it must not be delivered; 0 = never
 * @param publisherClientId client id of the publisher (for MQTT 5 No Local); null for wills/$SYS
 */
public record Message(
        String topic,
        int qos,
        boolean retain,
        byte[] payload,
        MessageProperties properties,
        long expiresAtMillis,
        String publisherClientId) {

    public static Message of(String topic, int qos, boolean retain, byte[] payload) {
        return new Message(topic, qos, retain, payload, MessageProperties.NONE, 0, null);
    }

    public boolean isExpired(long nowMillis) {
        return expiresAtMillis != 0 && nowMillis >= expiresAtMillis;
    }

    /** Seconds left before expiry, rounded up, for the Message Expiry Interval sent onwards. */
    public long remainingExpirySeconds(long nowMillis) {
        return Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }

    public Message withRetain(boolean newRetain) {
        return newRetain == retain
                ? this
                : new Message(topic, qos, newRetain, payload, properties, expiresAtMillis, publisherClientId);
    }

    public Message withQos(int newQos) {
        return newQos == qos
                ? this
                : new Message(topic, newQos, retain, payload, properties, expiresAtMillis, publisherClientId);
    }

    /** Rough memory cost, used for {@code max_queued_bytes}. */
    public int sizeInBytes() {
        return topic.length() + payload.length + properties.sizeInBytes();
    }

    /** MQTT 5 user property: a name/value pair whose order is kept. */
    public record UserProperty(String name, String value) {
    }

    /** Convenience for tests and $SYS. */
    public static List<UserProperty> noUserProperties() {
        return List.of();
    }
}
