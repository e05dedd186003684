package io.starling.auth.dynsec.cluster;

import io.starling.mqtt.JournalSerializable;

/**
 * The cluster's dynamic-security state at one version, so that the {@link DynsecEntity} replays
 * only the changes after it.
 *
 * <p>Stored on disk under this class name: see {@link JournalSerializable}.
 */
public record DynsecSnapshot(long version, String json) implements JournalSerializable {
}
