package io.starling.retain;

import io.starling.mqtt.JournalSerializable;

/** What the {@link RetainedJournal} records: a retained message was set or cleared. */
public sealed interface RetainedEvent extends JournalSerializable
        permits RetainedMessageSet, RetainedMessageCleared {
}
