package io.starling.retain;

/**
 * A retained PUBLISH replaced whatever was retained for its topic.
 *
 * <p>Stored on disk under this class name: see {@link io.starling.mqtt.JournalSerializable}.
 */
public record RetainedMessageSet(StoredMessage message) implements RetainedEvent {
}
