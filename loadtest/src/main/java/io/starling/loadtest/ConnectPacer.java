package io.starling.loadtest;

/**
 * Paces the opening of many connections: at most {@code window} connections may be between
 * "TCP connect started" and "CONNACK received (or failed)" at once, and optionally no more
 * than {@code perSecond} are started per second. Without a bound the generator would open
 * thousands of sockets at once and overrun the broker's listen backlog, measuring SYN retries
 * instead of the broker.
 *
 * <p>{@link #awaitTurn} is called by the one thread that opens connections; {@link #finished()}
 * by event loops.
 */
final class ConnectPacer {

    private final int window;
    private final SendPacer rate;
    private int outstanding;
    private long started;

    ConnectPacer(int window, double perSecond) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
        this.window = window;
        this.rate = SendPacer.perSecond(perSecond);
    }

    /** Starts the rate clock. */
    synchronized void start(long nowNanos) {
        rate.start(nowNanos);
    }

    /**
     * How long until the next connection may start: 0 now, a positive number of nanoseconds for
     * the rate, -1 while the window is full (until a connection finishes).
     */
    synchronized long delayNanos(long nowNanos) {
        if (outstanding >= window) {
            return -1;
        }
        return rate.allowance(nowNanos, started) > 0 ? 0 : Math.max(1, rate.nanosUntilNext(nowNanos, started));
    }

    /**
     * Waits until a connection may start and counts it as started; false if {@code deadlineNanos}
     * passed first (nothing counted).
     */
    synchronized boolean awaitTurn(long deadlineNanos) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long delay = delayNanos(now);
            if (delay == 0) {
                outstanding++;
                started++;
                return true;
            }
            long left = deadlineNanos - now;
            if (left <= 0) {
                return false;
            }
            long waitNanos = delay < 0 ? left : Math.min(delay, left);
            // wait(ms, ns) rounds to milliseconds at best; fine for pacing connects
            wait(Math.max(1, waitNanos / 1_000_000));
        }
    }

    /** A started connection is done (connected or failed): frees its place in the window. */
    synchronized void finished() {
        if (outstanding > 0) {
            outstanding--;
        }
        notifyAll();
    }

    /**
     * Waits until every started connection is connected or failed ({@link #finished()} wakes it);
     * false if {@code deadlineNanos} passed first.
     */
    synchronized boolean awaitSettled(long deadlineNanos) throws InterruptedException {
        while (outstanding > 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized int outstanding() {
        return outstanding;
    }

    synchronized long started() {
        return started;
    }
}
