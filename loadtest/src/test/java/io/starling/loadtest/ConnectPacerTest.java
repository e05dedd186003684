package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectPacerTest {

    @Test
    void fullWindowHoldsTheNextConnectUntilOneFinishes() throws InterruptedException {
        ConnectPacer pacer = new ConnectPacer(2, 0);
        pacer.start(System.nanoTime());

        assertTrue(pacer.awaitTurn(System.nanoTime()));
        assertTrue(pacer.awaitTurn(System.nanoTime()));
        assertEquals(-1, pacer.delayNanos(System.nanoTime()));
        assertFalse(pacer.awaitTurn(System.nanoTime() + 20_000_000L));
        assertEquals(2, pacer.outstanding());

        pacer.finished();

        assertEquals(0, pacer.delayNanos(System.nanoTime()));
        assertTrue(pacer.awaitTurn(System.nanoTime()));
        assertEquals(3, pacer.started());
    }

    @Test
    void finishingElsewhereWakesAWaitingConnect() throws InterruptedException {
        ConnectPacer pacer = new ConnectPacer(1, 0);
        pacer.start(System.nanoTime());
        pacer.awaitTurn(System.nanoTime());
        Thread waiter = Thread.currentThread();
        Thread finisher = new Thread(() -> {
            awaitWaiting(waiter);
            pacer.finished();
        });
        finisher.start();

        assertTrue(pacer.awaitTurn(System.nanoTime() + 5_000_000_000L));
        finisher.join(5_000);
    }

    @Test
    void finishingTheLastConnectionEndsTheWaitForAllToSettle() throws InterruptedException {
        ConnectPacer pacer = new ConnectPacer(2, 0);
        pacer.start(System.nanoTime());
        pacer.awaitTurn(System.nanoTime());
        pacer.awaitTurn(System.nanoTime());
        Thread waiter = Thread.currentThread();
        Thread finisher = new Thread(() -> {
            pacer.finished();
            awaitWaiting(waiter);
            pacer.finished();
        });
        finisher.start();

        assertTrue(pacer.awaitSettled(System.nanoTime() + 5_000_000_000L));
        assertEquals(0, pacer.outstanding());
        finisher.join(5_000);
    }

    @Test
    void settlingGivesUpAtTheDeadline() throws InterruptedException {
        ConnectPacer pacer = new ConnectPacer(1, 0);
        pacer.start(System.nanoTime());
        pacer.awaitTurn(System.nanoTime());

        assertFalse(pacer.awaitSettled(System.nanoTime() + 20_000_000L));
    }

    /** Until {@code thread} waits on a monitor (bounded: 5 s), so a wake-up reaches a real wait. */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void rateSpacesConnectsEvenWithRoomInTheWindow() {
        ConnectPacer pacer = new ConnectPacer(100, 1_000); // one per millisecond
        pacer.start(0);

        assertEquals(0, pacer.delayNanos(0));
    }

    @Test
    void rateDelayIsTheTimeToTheNextSlot() throws InterruptedException {
        ConnectPacer pacer = new ConnectPacer(100, 10); // one per 100 ms
        long t0 = System.nanoTime();
        pacer.start(t0);

        assertTrue(pacer.awaitTurn(t0 + 1_000_000_000L));
        long delay = pacer.delayNanos(t0);

        assertEquals(100_000_000L, delay);
    }

    @Test
    void finishedNeverDrivesTheCountBelowZero() {
        ConnectPacer pacer = new ConnectPacer(1, 0);

        pacer.finished();

        assertEquals(0, pacer.outstanding());
    }

    @Test
    void emptyWindowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectPacer(0, 0));
    }
}
