package io.starling.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets some virtual users wait until others are ready, e.g. publishers until every subscriber has
 * its SUBACK, so that no message is published before all its receivers listen. Gatling has no
 * barrier between users; this one lives in the simulation instance (one JVM, one run).
 *
 * <p>Waiting is bounded: after {@code maxWait} the waiters go on, and the missing deliveries then
 * show as failed checks instead of a run that never ends.
 */
final class Rendezvous {

    private final int parties;
    private final Duration maxWait;
    private final AtomicInteger arrived = new AtomicInteger();

    Rendezvous(int parties, Duration maxWait) {
        this.parties = parties;
        this.maxWait = maxWait;
    }

    void arrive() {
        arrived.incrementAndGet();
    }

    boolean complete() {
        return arrived.get() >= parties;
    }

    /** A chain that pauses until every party has arrived, or {@code maxWait} has passed. */
    ChainBuilder await() {
        long polls = Math.max(1, maxWait.toMillis() / 20);
        String counter = "rendezvousPolls" + System.identityHashCode(this);
        return asLongAs(session -> !complete() && session.getInt(counter) < polls, counter)
                .on(pause(Duration.ofMillis(20)));
    }
}
