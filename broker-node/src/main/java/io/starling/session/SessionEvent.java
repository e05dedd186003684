package io.starling.session;

import io.starling.mqtt.JournalSerializable;

/**
 * What a persistent session's {@link SessionJournal} records, in the past tense. Replaying them in
 * order rebuilds the session's subscriptions, queued and in-flight messages and expiry.
 *
 * <p>Stored on disk under these class names: see {@link JournalSerializable}.
 */
public sealed interface SessionEvent extends JournalSerializable
        permits SessionStarted, SessionResumed, ConnectionEnded, Subscribed, Unsubscribed, MessageQueued,
        MessageSent, MessageDiscarded, MessageAcknowledged, PubrecReceived, Qos2PublishReceived, Qos2PublishReleased,
        WillDelayed, WillPublished, SessionEnded, EventsRecorded {
}
