package io.starling.route.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
    void theNoneThrottleIsNeverHeld() {
        Throttle.NONE.hold();
        Throttle.NONE.publishReceived();
        assertFalse(Throttle.NONE.isCongested());
        assertFalse(Throttle.NONE.isReadingStopped());
    }
}
