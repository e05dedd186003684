package io.starling.mqtt;

import java.util.List;

/**
 * The MQTT 5 PUBLISH properties that the broker forwards unchanged from publisher to subscriber
 * (MQTT 5 §3.3.2.3). Message expiry is kept in {@link Message#expiresAtMillis()} instead, because
 * its value changes on the way; topic alias and subscription identifiers are per connection.
 *
 * @param payloadFormatIndicator null when absent, else 0 (bytes) or 1 (UTF-8)
 */
public record MessageProperties(
        Integer payloadFormatIndicator,
        String contentType,
        String responseTopic,
        byte[] correlationData,
        List<Message.UserProperty> userProperties) {

    public static final MessageProperties NONE = new MessageProperties(null, null, null, null, List.of());

    public boolean isEmpty() {
        return payloadFormatIndicator == null
                && contentType == null
                && responseTopic == null
                && correlationData == null
                && userProperties.isEmpty();
    }

    int sizeInBytes() {
        if (this == NONE) {
            return 0;
        }
        int size = 8;
        size += contentType == null ? 0 : contentType.length();
        size += responseTopic == null ? 0 : responseTopic.length();
        size += correlationData == null ? 0 : correlationData.length;
        for (Message.UserProperty p : userProperties) {
            size += p.name().length() + p.value().length() + 4;
        }
        return size;
    }
}
