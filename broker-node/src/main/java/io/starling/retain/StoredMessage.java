package io.starling.retain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.starling.mqtt.Message;
import io.starling.mqtt.MessageProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * A retained message as the journal and the snapshots store it. A record of its own rather than
 * {@link Message}, so that a change to Message in code does not change what is on disk. The
 * expiry is absolute (wall-clock milliseconds), so a message that expires while the node is down
 * is gone after the restart, and one that does not keeps counting down.
 *
 * <p>Stored on disk under this class name: see {@link io.starling.mqtt.JournalSerializable}.
 *
 * @param expiresAtMillis 0 = never
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredMessage(
        String topic,
        int qos,
        byte[] payload,
        Integer payloadFormatIndicator,
        String contentType,
        String responseTopic,
        byte[] correlationData,
        List<UserProperty> userProperties,
        long expiresAtMillis,
        String publisherClientId) {

    /** An MQTT 5 user property; their order is kept. */
    public record UserProperty(String name, String value) {
    }

    /** The stored form of {@code message}; the payload array is shared, not copied. */
    public static StoredMessage of(Message message) {
        MessageProperties p = message.properties();
        List<UserProperty> users = new ArrayList<>(p.userProperties().size());
        for (Message.UserProperty u : p.userProperties()) {
            users.add(new UserProperty(u.name(), u.value()));
        }
        return new StoredMessage(message.topic(), message.qos(), message.payload(), p.payloadFormatIndicator(),
                p.contentType(), p.responseTopic(), p.correlationData(), List.copyOf(users),
                message.expiresAtMillis(), message.publisherClientId());
    }

    /** Back to a retained {@link Message}. */
    public Message toMessage() {
        List<Message.UserProperty> users = new ArrayList<>();
        if (userProperties != null) { // absent when written without any
            for (UserProperty u : userProperties) {
                users.add(new Message.UserProperty(u.name(), u.value()));
            }
        }
        MessageProperties properties =
                payloadFormatIndicator == null && contentType == null && responseTopic == null
                        && correlationData == null && users.isEmpty()
                        ? MessageProperties.NONE
                        : new MessageProperties(payloadFormatIndicator, contentType, responseTopic,
                                correlationData, List.copyOf(users));
        return new Message(topic, qos, true, payload == null ? new byte[0] : payload, properties,
                expiresAtMillis, publisherClientId);
    }

    boolean expiredAt(long nowMillis) {
        return expiresAtMillis != 0 && nowMillis >= expiresAtMillis;
    }
}
