package io.starling.route.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What this node knows of one peer's partition of the route table: the peer's incarnation (a new
 * one each time its node starts), the version it has reached and its filters, which are also in
 * the shared {@link RouteView}. Owned by the {@link RouteReplicator}; not thread-safe.
 */
final class PeerPartition {

    private final String node;
    private final RouteView view;
    private long incarnation;
    private long version;
    /** True once this node has the peer's whole partition (at some version). */
    private boolean synced;
    private Set<String> filters = new HashSet<>();
    /** A snapshot being received in chunks. */
    private final ChunkAssembly<String> incoming = new ChunkAssembly<>();

    PeerPartition(String node, RouteView view) {
        this.node = node;
        this.view = view;
    }

    long incarnation() {
        return incarnation;
    }

    long version() {
        return version;
    }

    boolean synced() {
        return synced;
    }

    /**
     * Applies the changes from {@code afterVersion} to {@code newVersion} of incarnation {@code inc}.
     * Returns false when they do not follow what this node has (a gap, or another incarnation):
     * the caller then asks for a sync.
     */
    boolean applyDelta(long inc, long afterVersion, long newVersion, List<RouteChange> changes) {
        if (inc != incarnation || !synced) {
            return false;
        }
        if (newVersion <= version) {
            return true; // already applied
        }
        if (afterVersion != version) {
            return false;
        }
        for (RouteChange change : changes) {
            if (change.added()) {
                if (filters.add(change.filter())) {
                    view.add(node, change.filter());
                }
            } else if (filters.remove(change.filter())) {
                view.remove(node, change.filter());
            }
        }
        version = newVersion;
        return true;
    }

    /**
     * One chunk of a snapshot. Returns true when it was the last one and the partition is now the
     * snapshot's; a chunk out of order drops the snapshot (the caller asks again later).
     */
    boolean applyChunk(long inc, long snapshotVersion, int index, List<String> chunk, boolean last) {
        List<String> whole = incoming.add(inc, index, chunk, last);
        if (whole == null) {
            return false;
        }
        Set<String> snapshot = new HashSet<>(whole);
        for (String filter : filters) {
            if (!snapshot.contains(filter)) {
                view.remove(node, filter);
            }
        }
        for (String filter : snapshot) {
            if (!filters.contains(filter)) {
                view.add(node, filter);
            }
        }
        filters = snapshot;
        incarnation = inc;
        version = snapshotVersion;
        synced = true;
        return true;
    }

    /**
     * The peer left: its routes stay in the view, but under {@code newName}, so that a new start
     * of the same node can have its own routes under its name meanwhile.
     */
    PeerPartition renamed(String newName) {
        PeerPartition renamed = new PeerPartition(newName, view);
        for (String filter : filters) {
            view.remove(node, filter);
            view.add(newName, filter);
        }
        renamed.filters = filters;
        renamed.synced = synced;
        filters = new HashSet<>();
        return renamed;
    }

    /** True while a snapshot is coming in: its last chunk came after {@code sinceNanos}. */
    boolean receivingSince(long sinceNanos) {
        return incoming.receivingSince(sinceNanos);
    }

    /** The peer is gone: its routes leave the view. */
    void clear() {
        for (String filter : filters) {
            view.remove(node, filter);
        }
        filters = new HashSet<>();
        synced = false;
        incoming.drop();
    }

    int size() {
        return filters.size();
    }
}
