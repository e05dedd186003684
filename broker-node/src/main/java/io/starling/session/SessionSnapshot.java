package io.starling.session;

import io.starling.mqtt.JournalSerializable;
import java.util.List;

/**
 * A persistent session's whole recorded state at one point of its journal: what the snapshot
 * store keeps, and what a restarted node rebuilds the session from.
 *
 * <p>Stored on disk under this class name: see {@link JournalSerializable}.
 *
 * @param started              false until the first {@link SessionStarted}, and after {@link SessionEnded}
 * @param disconnectedAtMillis when the client went away; 0 while connected (or never recorded)
 * @param inflight             in packet identifier allocation order
 * @param queue                oldest first
 * @param awaitingRelease      packet ids of the client's QoS 2 messages routed and awaiting PUBREL
 *                             (null in snapshots written before it was recorded)
 * @param pendingWill          the will waiting for its delay, or null
 */
public record SessionSnapshot(
        boolean started,
        long expirySeconds,
        long disconnectedAtMillis,
        List<Subscribed> subscriptions,
        List<StoredInflight> inflight,
        List<MessageQueued> queue,
        List<Integer> awaitingRelease,
        WillDelayed pendingWill) implements JournalSerializable {

    static final SessionSnapshot NONE = new SessionSnapshot(false, 0, 0, List.of(), List.of(), List.of(), List.of(), null);

    public SessionSnapshot {
        awaitingRelease = awaitingRelease == null ? List.of() : awaitingRelease;
    }
}
