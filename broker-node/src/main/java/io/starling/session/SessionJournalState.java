package io.starling.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link SessionJournal}'s state: the session as recorded so far.
 *
 * <p>Mutable, so that an event costs no copy of the queue; only the journal actor touches it, and
 * what leaves the actor is a {@link SessionSnapshot} copy.
 *
 * <p>The journal's queue holds the QoS 1/2 messages of the session's outbound queue in the same
 * order; the session sends them strictly oldest first, so {@link MessageSent} and
 * {@link MessageDiscarded} need not say which message they mean: always the oldest.
 */
public final class SessionJournalState {

    private static final class InFlight {
        final MessageQueued message;
        boolean pubrecReceived;

        InFlight(MessageQueued message, boolean pubrecReceived) {
            this.message = message;
            this.pubrecReceived = pubrecReceived;
        }
    }

    private boolean started;
    private long expirySeconds;
    private long disconnectedAtMillis;
    private final Map<String, Subscribed> subscriptions = new LinkedHashMap<>();
    private final Map<Integer, InFlight> inflight = new LinkedHashMap<>();
    private final ArrayDeque<MessageQueued> queue = new ArrayDeque<>();
    private final Set<Integer> awaitingRelease = new LinkedHashSet<>();
    private WillDelayed pendingWill;

    static SessionJournalState of(SessionSnapshot snapshot) {
        SessionJournalState state = new SessionJournalState();
        state.started = snapshot.started();
        state.expirySeconds = snapshot.expirySeconds();
        state.disconnectedAtMillis = snapshot.disconnectedAtMillis();
        snapshot.subscriptions().forEach(s -> state.subscriptions.put(s.filter(), s));
        snapshot.inflight().forEach(f -> state.inflight.put(f.packetId(), new InFlight(f.message(), f.pubrecReceived())));
        state.queue.addAll(snapshot.queue());
        state.awaitingRelease.addAll(snapshot.awaitingRelease());
        state.pendingWill = snapshot.pendingWill();
        return state;
    }

    SessionJournalState apply(SessionEvent event) {
        if (event instanceof EventsRecorded batch) {
            batch.events().forEach(this::apply);
        } else if (event instanceof SessionStarted e) {
            clear();
            started = true;
            expirySeconds = e.expirySeconds();
        } else if (event instanceof SessionResumed e) {
            started = true;
            pendingWill = null; // a client back within the delay cancels its will
            expirySeconds = e.expirySeconds();
            disconnectedAtMillis = 0;
        } else if (event instanceof ConnectionEnded e) {
            disconnectedAtMillis = e.atMillis();
            expirySeconds = e.expirySeconds();
        } else if (event instanceof Subscribed e) {
            subscriptions.put(e.filter(), e);
        } else if (event instanceof Unsubscribed e) {
            subscriptions.remove(e.filter());
        } else if (event instanceof MessageQueued e) {
            queue.addLast(e);
        } else if (event instanceof MessageSent e) {
            MessageQueued oldest = queue.pollFirst();
            if (oldest != null) {
                inflight.put(e.packetId(), new InFlight(oldest, false));
            }
        } else if (event instanceof MessageDiscarded e) {
            for (int i = 0; i < e.count() && !queue.isEmpty(); i++) {
                queue.pollFirst();
            }
        } else if (event instanceof MessageAcknowledged e) {
            inflight.remove(e.packetId());
        } else if (event instanceof PubrecReceived e) {
            InFlight f = inflight.get(e.packetId());
            if (f != null) {
                f.pubrecReceived = true;
            }
        } else if (event instanceof Qos2PublishReceived e) {
            awaitingRelease.add(e.packetId());
        } else if (event instanceof Qos2PublishReleased e) {
            awaitingRelease.remove(e.packetId());
        } else if (event instanceof WillDelayed e) {
            pendingWill = e;
        } else if (event instanceof WillPublished) {
            pendingWill = null;
        } else if (event instanceof SessionEnded) {
            clear();
            started = false;
            expirySeconds = 0;
        }
        return this;
    }

    private void clear() {
        subscriptions.clear();
        inflight.clear();
        queue.clear();
        awaitingRelease.clear();
        pendingWill = null;
        disconnectedAtMillis = 0;
    }

    /** A copy of the whole state. */
    SessionSnapshot snapshot() {
        if (!started) {
            return SessionSnapshot.NONE;
        }
        List<StoredInflight> flights = new ArrayList<>(inflight.size());
        inflight.forEach((id, f) -> flights.add(new StoredInflight(id, f.message, f.pubrecReceived)));
        return new SessionSnapshot(true, expirySeconds, disconnectedAtMillis, List.copyOf(subscriptions.values()),
                List.copyOf(flights), List.copyOf(queue), List.copyOf(awaitingRelease),
                pendingWill);
    }

    public boolean started() {
        return started;
    }

    public int queued() {
        return queue.size();
    }

    public int inflight() {
        return inflight.size();
    }

    public int subscriptions() {
        return subscriptions.size();
    }
}
