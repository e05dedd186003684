package io.starling.retain;

import io.starling.mqtt.JournalSerializable;
import java.util.List;

/**
 * Every retained message at one point of the journal, so that a restart replays only the events
 * after it.
 *
 * <p>Stored on disk under this class name: see {@link io.starling.mqtt.JournalSerializable}.
 */
public record RetainedSnapshot(List<StoredMessage> messages) implements JournalSerializable {
}
