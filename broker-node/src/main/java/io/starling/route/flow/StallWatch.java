package io.starling.route.flow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps back-pressure from turning into a standstill. A connected client that stops reading (or
 * two clients that each wait for the other's acknowledgements) would hold its publishers for
 * ever; so every backlog with held publishers is looked at each {@link #check()} (the node calls
 * it at a fixed interval), and one that sent nothing during {@code idleChecks} looks in a row is
 * marked stalled: its publishers go on and its queue limits apply.
 *
 * <p>Several looks, not one: a client starved of CPU for a moment is slow, not stalled, and
 * releasing its publishers early would let them fill its queue until messages are dropped.
 */
public final class StallWatch {

    private static final Logger log = LoggerFactory.getLogger(StallWatch.class);

    /** What a watched backlog had sent at the last look, and since how many looks. */
    private record Look(long sent, int idle) {
    }

    private final int idleChecks;
    private final Map<Backlog, Look> watched = new ConcurrentHashMap<>();

    /** @param idleChecks looks in a row without progress after which a backlog is stalled */
    public StallWatch(int idleChecks) {
        this.idleChecks = idleChecks;
    }

    void watch(Backlog backlog) {
        watched.putIfAbsent(backlog, new Look(backlog.sent(), 0));
    }

    /** One look at every watched backlog; called at a fixed interval, from one thread. */
    public void check() {
        for (Map.Entry<Backlog, Look> entry : watched.entrySet()) {
            Backlog backlog = entry.getKey();
            long sentNow = backlog.sent();
            Look last = entry.getValue();
            if (!backlog.hasWaiting()) {
                watched.remove(backlog);
                if (backlog.hasWaiting()) {
                    watched.putIfAbsent(backlog, new Look(sentNow, 0)); // a publisher came in between
                }
            } else if (sentNow != last.sent()) {
                entry.setValue(new Look(sentNow, 0));
            } else if (last.idle() + 1 >= idleChecks) {
                log.info("A subscriber sent nothing while publishers waited for it: releasing them.");
                backlog.stall();
                watched.remove(backlog);
            } else {
                entry.setValue(new Look(sentNow, last.idle() + 1));
            }
        }
    }
}
