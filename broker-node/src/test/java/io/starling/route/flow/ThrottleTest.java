package io.starling.route.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    @Test
    void readingStopsAtTheFirstHoldAndResumesAfterTheLastRelease() {
        RecordingValve valve = new RecordingValve();
        Throttle throttle = new Throttle(valve, 10);
        throttle.hold();
        throttle.hold();
        throttle.release();
        assertTrue(throttle.isCongested());
        throttle.release();
        assertFalse(throttle.isCongested());
        assertEquals(List.of(false, true), valve.switches);
    }

    @Test
    void theSessionIsToldWhenTheLastHoldIsReleased() {
        Throttle throttle = new Throttle(new RecordingValve(), 10);
        AtomicInteger resumed = new AtomicInteger();
        throttle.onCongestionEnd(resumed::incrementAndGet);
        throttle.hold();
        throttle.hold();
        throttle.release();
        assertEquals(0, resumed.get());
        throttle.release();
        assertEquals(1, resumed.get());
    }

    @Test
    void tooManyUnhandledPublishesStopReadingUntilTheSessionCatchesUp() {
        RecordingValve valve = new RecordingValve();
        Throttle throttle = new Throttle(valve, 3);
        for (int i = 0; i < 5; i++) {
            throttle.publishReceived();
        }
        assertTrue(throttle.isReadingStopped());
        throttle.publishHandled(); // 4 left
        throttle.publishHandled(); // 3 left: crosses the limit downwards
        assertTrue(throttle.isReadingStopped());
        throttle.publishHandled();
        assertFalse(throttle.isReadingStopped());
        assertEquals(List.of(false, true), valve.switches);
    }

    @Test
    void readingResumesOnlyWhenNeitherReasonHoldsIt() {
        RecordingValve valve = new RecordingValve();
        Throttle throttle = new Throttle(valve, 1);
        throttle.hold();
        throttle.publishReceived(); // the unhandled limit too
        throttle.release();
        assertTrue(throttle.isReadingStopped());
        throttle.publishHandled();
        assertFalse(throttle.isReadingStopped());
        assertEquals(List.of(false, true), valve.switches);
    }

    @Test
    void readingIsOnOnceTheSessionHasHandledEverythingWhateverTheThreadsInterleaving() throws Exception {
        // the socket's thread counts PUBLISH packets in while the session's thread counts them out;
        // their crossings of the limit reach the throttle in either order
        for (int round = 0; round < 20; round++) {
            RecordingValve valve = new RecordingValve();
            Throttle throttle = new Throttle(valve, 2);
            Semaphore inMailbox = new Semaphore(0);
            int packets = 20_000;
            Thread session = new Thread(() -> {
                for (int i = 0; i < packets; i++) {
                    inMailbox.acquireUninterruptibly();
                    throttle.publishHandled();
                }
            });
            session.start();
            for (int i = 0; i < packets; i++) {
                throttle.publishReceived();
                inMailbox.release();
            }
            session.join(10_000);
            assertFalse(throttle.isReadingStopped(), "round " + round);
            assertTrue(valve.reading(), "round " + round);
        }
    }

    @Test
    void theNoneThrottleIsNeverHeld() {
        Throttle.NONE.hold();
        Throttle.NONE.publishReceived();
        assertFalse(Throttle.NONE.isCongested());
        assertFalse(Throttle.NONE.isReadingStopped());
    }
}
