package io.starling.retain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link RetainedJournal}'s state: the retained messages as recorded so far, by topic.
 *
 * <p>Mutable, to avoid copying every retained message per event; that is safe because only the
 * journal actor touches it, and what leaves the actor is a copy: {@link #snapshot} for the
 * snapshot store (which serializes on another thread) and {@link #messages} for replies.
 */
public final class RetainedJournalState {

    private final Map<String, StoredMessage> byTopic = new HashMap<>();
    /** When the last time-based snapshot was decided, for {@code autosave_interval}. */
    private long lastSnapshotAtMillis;

    RetainedJournalState(long nowMillis) {
        this.lastSnapshotAtMillis = nowMillis;
    }

    static RetainedJournalState of(RetainedSnapshot snapshot, long nowMillis) {
        RetainedJournalState state = new RetainedJournalState(nowMillis);
        for (StoredMessage message : snapshot.messages()) {
            state.byTopic.put(message.topic(), message);
        }
        return state;
    }

    RetainedJournalState apply(RetainedEvent event) {
        if (event instanceof RetainedMessageSet set) {
            byTopic.put(set.message().topic(), set.message());
        } else if (event instanceof RetainedMessageCleared cleared) {
            byTopic.remove(cleared.topic());
        }
        return this;
    }

    /** A copy of every retained message, for a snapshot; messages expired by then are left out. */
    RetainedSnapshot snapshot(long nowMillis) {
        List<StoredMessage> live = new ArrayList<>(byTopic.size());
        for (StoredMessage message : byTopic.values()) {
            if (!message.expiredAt(nowMillis)) {
                live.add(message);
            }
        }
        return new RetainedSnapshot(List.copyOf(live));
    }

    /** A copy of every retained message (expired ones included). */
    public List<StoredMessage> messages() {
        return List.copyOf(byTopic.values());
    }

    /** The message recorded for exactly {@code topic}, or null. */
    public StoredMessage get(String topic) {
        return byTopic.get(topic);
    }

    public int size() {
        return byTopic.size();
    }

    /** True, and the clock restarted, if {@code intervalMillis} passed since the last time this said true. */
    boolean snapshotDue(long nowMillis, long intervalMillis) {
        if (nowMillis - lastSnapshotAtMillis < intervalMillis) {
            return false;
        }
        lastSnapshotAtMillis = nowMillis;
        return true;
    }
}
