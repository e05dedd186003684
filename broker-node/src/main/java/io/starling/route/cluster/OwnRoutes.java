package io.starling.route.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * This node's partition of the cluster route table: the filters its sessions subscribe to, with a
 * version that counts every change. The last changes are kept, so that a peer that missed a few
 * catches up with them; a peer further behind is sent the whole set ({@link #filters()}).
 * Owned by the {@link RouteReplicator} actor; not thread-safe.
 */
final class OwnRoutes {

    /** Changes kept for peers that fell behind. */
    static final int LOG_SIZE = 10_000;

    private final Set<String> filters = new HashSet<>();
    private final ArrayDeque<RouteChange> log = new ArrayDeque<>();
    private long version;

    long version() {
        return version;
    }

    /** Applies the change that brings this partition to {@code newVersion} (always version + 1). */
    void apply(long newVersion, RouteChange change) {
        if (newVersion != version + 1) {
            throw new IllegalStateException("route change " + newVersion + " after " + version);
        }
        if (change.added()) {
            filters.add(change.filter());
        } else {
            filters.remove(change.filter());
        }
        version = newVersion;
        log.addLast(change);
        if (log.size() > LOG_SIZE) {
            log.removeFirst();
        }
    }

    /** The changes after {@code known}, oldest first; null if they are no longer all kept. */
    List<RouteChange> changesAfter(long known) {
        long missing = version - known;
        if (missing < 0 || missing > log.size()) {
            return null;
        }
        List<RouteChange> changes = new ArrayList<>((int) missing);
        int skip = (int) (log.size() - missing);
        int i = 0;
        for (RouteChange change : log) {
            if (i++ >= skip) {
                changes.add(change);
            }
        }
        return changes;
    }

    Set<String> filters() {
        return filters;
    }
}
