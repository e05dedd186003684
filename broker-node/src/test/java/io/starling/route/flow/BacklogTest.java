package io.starling.route.flow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BacklogTest {

    private final StallWatch watch = new StallWatch(1);

    private static Backlog onlineBacklog(int highWater) {
        Backlog backlog = new Backlog(highWater);
        backlog.online();
        return backlog;
    }

    private static void enter(Backlog backlog, int messages) {
        for (int i = 0; i < messages; i++) {
            backlog.entered();
        }
    }

    @Test
    void aPublisherIsHeldAtTheHighWaterMarkAndReleasedAtHalfOfIt() {
        Backlog backlog = onlineBacklog(10);
        Throttle publisher = new Throttle(new RecordingValve(), 100);
        enter(backlog, 9);
        backlog.holdIfCongested(publisher, watch);
        assertFalse(publisher.isCongested(), "below the mark");
        backlog.entered();
        backlog.holdIfCongested(publisher, watch);
        assertTrue(publisher.isCongested());
        for (int i = 0; i < 4; i++) {
            backlog.taken();
        }
        backlog.outboxChanged(0, 4);
        assertTrue(publisher.isCongested(), "6 left, above half the mark");
        backlog.taken();
        backlog.outboxChanged(0, 5);
        assertFalse(publisher.isCongested());
    }

    @Test
    void messagesQueuedInTheOutboxCountTowardsTheBacklog() {
        Backlog backlog = onlineBacklog(10);
        Throttle publisher = new Throttle(new RecordingValve(), 100);
        backlog.outboxChanged(9, 0);
        backlog.entered();
        backlog.holdIfCongested(publisher, watch);
        assertTrue(publisher.isCongested());
        backlog.taken();
        backlog.outboxChanged(5, 4);
        assertFalse(publisher.isCongested());
    }

    @Test
    void anOfflineSessionNeverHoldsPublishers() {
        Backlog backlog = new Backlog(2);
        Throttle publisher = new Throttle(new RecordingValve(), 100);
        enter(backlog, 5);
        backlog.holdIfCongested(publisher, watch);
        assertFalse(publisher.isCongested());
    }

    @Test
    void aClientGoingOfflineReleasesItsPublishers() {
        Backlog backlog = onlineBacklog(2);
        Throttle publisher = new Throttle(new RecordingValve(), 100);
        enter(backlog, 2);
        backlog.holdIfCongested(publisher, watch);
        assertTrue(publisher.isCongested());
        backlog.offline();
        assertFalse(publisher.isCongested());
    }

    @Test
    void aSubscriberThatSendsNothingBetweenTwoChecksReleasesItsPublishers() {
        Backlog backlog = onlineBacklog(2);
        Throttle publisher = new Throttle(new RecordingValve(), 100);
        enter(backlog, 2);
        backlog.holdIfCongested(publisher, watch);
        watch.check(); // no progress since it started waiting
        assertFalse(publisher.isCongested());
        backlog.entered();
        backlog.holdIfCongested(publisher, watch);
        assertFalse(publisher.isCongested(), "stalled: its queue limits apply, nobody waits for it");
    }

    @Test
    void aSubscriberIdleForFewerChecksThanTheLimitStillHoldsItsPublishers() {
        StallWatch patient = new StallWatch(3);
        Backlog backlog = onlineBacklog(2);
        Throttle publisher = new Throttle(new RecordingValve(), 100);
        enter(backlog, 2);
        backlog.holdIfCongested(publisher, patient);
        patient.check();
        patient.check();
        assertTrue(publisher.isCongested());
        patient.check();
        assertFalse(publisher.isCongested());
    }

    @Test
    void aSubscriberMakingProgressKeepsHoldingItsPublishers() {
        Backlog backlog = onlineBacklog(4);
        Throttle publisher = new Throttle(new RecordingValve(), 100);
        enter(backlog, 10);
        backlog.holdIfCongested(publisher, watch);
        backlog.taken();
        backlog.outboxChanged(0, 1);
        watch.check();
        assertTrue(publisher.isCongested());
    }

    @Test
    void aPublisherIsReleasedWhenTheSessionDrainsWhileItIsBeingHeld() {
        Backlog backlog = onlineBacklog(4);
        enter(backlog, 4);
        // the session drains in the window between the publisher's check and its joining the
        // waiters (here: while its valve closes), so the session finds no one to release
        Throttle publisher = new Throttle(reading -> {
            if (!reading) {
                for (int i = 0; i < 4; i++) {
                    backlog.taken();
                }
                backlog.outboxChanged(0, 4);
            }
        }, 100);
        backlog.holdIfCongested(publisher, watch);
        assertFalse(publisher.isCongested(), "the publisher's own second look must release it");
    }
}
