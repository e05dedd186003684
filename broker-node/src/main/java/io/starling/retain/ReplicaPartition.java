package io.starling.retain;

import io.starling.route.cluster.ChunkAssembly;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link RetainedReplica}'s copy of one {@link RetainedPartition}: the number of the last change
 * applied, the partition's topics (to replace them when the partition is read again), changes that
 * came ahead of their turn, and a state being received in chunks. Not thread-safe: the replica's.
 */
final class ReplicaPartition {

    private final int index;
    private final RetainedMessages messages;
    private long seq;
    private boolean synced;
    private Set<String> topics = new HashSet<>();
    /** Changes not applied yet, by the number they follow. */
    private final TreeMap<Long, RetainedReplica.Changed> waiting = new TreeMap<>();
    /** Changes already covered, to acknowledge. */
    private final List<RetainedReplica.Changed> covered = new ArrayList<>();
    private long gapSinceNanos;
    /** When this copy last asked for the partition's state (0: never). */
    private long stateRequestedNanos;
    private final ChunkAssembly<StoredMessage> incoming = new ChunkAssembly<>();

    ReplicaPartition(int index, RetainedMessages messages) {
        this.index = index;
        this.messages = messages;
    }

    int index() {
        return index;
    }

    boolean synced() {
        return synced;
    }

    void offer(RetainedReplica.Changed changed) {
        if (synced && changed.seq() <= seq) {
            covered.add(changed);
        } else {
            waiting.put(changed.afterSeq(), changed);
        }
    }

    /** Applies every change whose turn has come; returns them (and the covered ones) to acknowledge. */
    List<RetainedReplica.Changed> applyReady() {
        List<RetainedReplica.Changed> done = new ArrayList<>(covered);
        covered.clear();
        if (!synced) {
            return done;
        }
        while (!waiting.isEmpty()) {
            Map.Entry<Long, RetainedReplica.Changed> first = waiting.firstEntry();
            RetainedReplica.Changed changed = first.getValue();
            if (changed.seq() <= seq) {
                waiting.pollFirstEntry();
                done.add(changed); // the partition's state already had it
            } else if (first.getKey() == seq) {
                waiting.pollFirstEntry();
                changed.events().forEach(this::apply);
                seq = changed.seq();
                done.add(changed);
            } else {
                break;
            }
        }
        gapSinceNanos = waiting.isEmpty() ? 0 : (gapSinceNanos == 0 ? System.nanoTime() : gapSinceNanos);
        return done;
    }

    private void apply(RetainedEvent event) {
        if (event instanceof RetainedMessageSet set) {
            topics.add(set.message().topic());
            messages.putReplicated(set.message());
        } else if (event instanceof RetainedMessageCleared cleared) {
            topics.remove(cleared.topic());
            messages.removeReplicated(cleared.topic());
        }
    }

    /** One chunk of the partition's state; true once the last one made this copy the partition's. */
    boolean receiveState(RetainedReplica.PartitionState state) {
        // the partition numbers its state; every chunk of one transfer carries the same number
        List<StoredMessage> whole = incoming.add(state.seq(), state.index(), state.messages(), state.last());
        if (whole == null) {
            return false;
        }
        if (synced && state.seq() < seq) {
            return false; // older than what this copy has already applied
        }
        Set<String> now = new HashSet<>();
        for (StoredMessage message : whole) {
            now.add(message.topic());
            messages.putReplicated(message);
        }
        for (String topic : topics) {
            if (!now.contains(topic)) {
                messages.removeReplicated(topic);
            }
        }
        topics = now;
        seq = state.seq();
        synced = true;
        gapSinceNanos = 0;
        return true;
    }

    /** True when the partition has changes this copy has not seen and none is on its way. */
    boolean isBehind(long partitionSeq) {
        return synced && partitionSeq > seq && waiting.isEmpty();
    }

    boolean gapOlderThan(long nowNanos, long limitNanos) {
        return gapSinceNanos != 0 && nowNanos - gapSinceNanos > limitNanos;
    }

    void stateRequested(long nowNanos) {
        gapSinceNanos = waiting.isEmpty() ? 0 : nowNanos;
        stateRequestedNanos = nowNanos;
    }

    /**
     * True when this copy has never been read and its last request is older than the limit: the
     * request or its answer was lost (sharding drops messages it buffered for a shard that is
     * handed off while nodes join), and without a new one the node would wait for ever.
     */
    boolean unansweredOlderThan(long nowNanos, long limitNanos) {
        return !synced && stateRequestedNanos != 0 && nowNanos - stateRequestedNanos > limitNanos;
    }
}
