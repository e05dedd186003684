package io.starling.loadtest;

import java.util.Locale;

/**
 * What {@link RouteTableBench} measured for one size of route table.
 *
 * @param routes            filters added on node A
 * @param replicateSeconds  from the first change told to A until every one is acknowledged by peer B
 * @param deltas            Delta messages A sent B for them
 * @param largestDeltaBytes the largest of those, serialized
 * @param overFrame         messages larger than Artery's 1 MiB frame (a real cluster would drop them)
 * @param wireBytes         bytes A sent B for them (serialized Deltas)
 * @param lateJoinSeconds   from a third node's PeerUp until it has A's whole partition
 * @param chunks            snapshot chunks A sent it (more than one snapshot's worth when C asked again meanwhile)
 * @param peerHeapBytes     heap a peer holds for A's routes (its PeerPartition and RouteView entries)
 * @param ownHeapBytes      heap A holds for its own routes (OwnRoutes: the set and the last changes)
 * @param lookupsPerSecond  view look-ups (matchNodes + matchShared) per second for topics that match one route
 * @param missesPerSecond   the same for topics that match nothing
 */
record RouteTableResult(
        int routes,
        double replicateSeconds,
        long deltas,
        int largestDeltaBytes,
        long overFrame,
        long wireBytes,
        double lateJoinSeconds,
        long chunks,
        long peerHeapBytes,
        long ownHeapBytes,
        double lookupsPerSecond,
        double missesPerSecond) {

    double changesPerSecond() {
        return replicateSeconds > 0 ? routes / replicateSeconds : 0;
    }

    double routesPerSecondLateJoin() {
        return lateJoinSeconds > 0 ? routes / lateJoinSeconds : 0;
    }

    /** The machine-readable line: "RESULT key=value ...". */
    String summaryLine() {
        return String.format(Locale.ROOT,
                "RESULT routes=%d replicate_s=%.3f changes_per_s=%.0f deltas=%d largest_delta_bytes=%d over_frame=%d"
                        + " wire_bytes_per_route=%.1f late_join_s=%.3f late_join_routes_per_s=%.0f chunks=%d"
                        + " peer_heap_bytes=%d peer_bytes_per_route=%.0f own_heap_bytes=%d own_bytes_per_route=%.0f"
                        + " lookups_per_s=%.0f misses_per_s=%.0f",
                routes, replicateSeconds, changesPerSecond(), deltas, largestDeltaBytes, overFrame,
                perRoute(wireBytes), lateJoinSeconds, routesPerSecondLateJoin(), chunks,
                peerHeapBytes, perRoute(peerHeapBytes), ownHeapBytes, perRoute(ownHeapBytes),
                lookupsPerSecond, missesPerSecond);
    }

    private double perRoute(long bytes) {
        return routes > 0 ? (double) bytes / routes : 0;
    }
}
