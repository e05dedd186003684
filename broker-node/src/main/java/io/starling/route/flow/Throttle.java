package io.starling.route.flow;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The publisher's side of back-pressure: whether the broker takes more from this client.
 *
 * <p>Two things hold a client back. A lagging subscriber holds it ({@link #hold()}, counted, see
 * {@link Backlog}): the client's session then keeps the packets it has not handled yet until the
 * last such hold is released ({@link #onCongestionEnd}). And a session with too many unhandled
 * PUBLISH packets ({@link #publishReceived()}) stops the reading of the socket, which bounds its
 * mailbox. Either stops the reading: there is no point reading what cannot be handled yet. A client whose socket is not read is slowed by TCP itself: its send buffer fills
 * and, at QoS 1/2, its in-flight window stays full. Nothing it sent is dropped.
 *
 * <p>Thread-safe: holds come from publishers' and subscribers' threads alike. Holds and releases
 * are rare (they mark congestion starting and ending), so a monitor is cheap enough and keeps the
 * valve's on/off calls in the order the state changed.
 */
public final class Throttle {

    /** Turns reading of the client's socket on and off. */
    public interface Valve {
        void setReading(boolean reading);
    }

    /** For messages with no client behind them (wills, $SYS, retained): never held. */
    public static final Throttle NONE = new Throttle(null, 0);

    private final Valve valve;
    private final int unhandledLimit;
    private final AtomicInteger unhandled = new AtomicInteger();
    private int congestion;
    private boolean overfull;
    private Runnable onCongestionEnd = () -> { };

    /**
     * @param unhandledLimit how many PUBLISH packets may wait for the client's session before
     *     reading stops
     */
    public Throttle(Valve valve, int unhandledLimit) {
        this.valve = valve;
        this.unhandledLimit = unhandledLimit;
    }

    /** Who to tell when the last lagging subscriber lets go (the client's session). */
    public synchronized void onCongestionEnd(Runnable callback) {
        onCongestionEnd = callback;
    }

    /** A lagging subscriber holds the client back until a matching {@link #release()}. */
    public synchronized void hold() {
        if (valve != null) {
            boolean wasReading = isReading();
            congestion++;
            readingChanged(wasReading);
        }
    }

    public synchronized void release() {
        if (valve != null) {
            boolean wasReading = isReading();
            if (--congestion == 0) {
                onCongestionEnd.run();
            }
            readingChanged(wasReading);
        }
    }

    /** True while a lagging subscriber holds the client: its session keeps what it has not handled. */
    public synchronized boolean isCongested() {
        return congestion > 0;
    }

    /** A PUBLISH was handed to the session (on the socket's thread). */
    public void publishReceived() {
        if (valve != null && unhandled.incrementAndGet() == unhandledLimit) {
            unhandledChanged();
        }
    }

    /** The session handled a PUBLISH (on the session's thread). */
    public void publishHandled() {
        if (valve != null && unhandled.getAndDecrement() == unhandledLimit) {
            unhandledChanged();
        }
    }

    /** True while the socket is not read: the client is not idle, the broker is not listening. */
    public synchronized boolean isReadingStopped() {
        return !isReading();
    }

    private boolean isReading() {
        return congestion == 0 && !overfull;
    }

    /**
     * The count crossed the limit. It is read again here, under the monitor, rather than passed
     * in: the socket's thread and the session's thread cross it in turn, and their calls may
     * arrive in the other order (an "over" applied after the "under" that followed it would stop
     * reading for good).
     */
    private synchronized void unhandledChanged() {
        boolean wasReading = isReading();
        overfull = unhandled.get() >= unhandledLimit;
        readingChanged(wasReading);
    }

    private void readingChanged(boolean wasReading) {
        if (wasReading != isReading()) {
            valve.setReading(isReading());
        }
    }
}
