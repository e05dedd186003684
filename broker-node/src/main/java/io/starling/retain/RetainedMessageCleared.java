package io.starling.retain;

/**
 * A retained PUBLISH with an empty payload cleared the message retained for {@code topic}.
 *
 * <p>Stored on disk under this class name: see {@link io.starling.mqtt.JournalSerializable}.
 */
public record RetainedMessageCleared(String topic) implements RetainedEvent {
}
