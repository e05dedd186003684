package io.starling.route;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds back the acknowledgement of one QoS 1/2 PUBLISH until everything that must record it
 * has done so (durable sessions, the retained store). Each recorder calls {@link #expect()} on the
 * publisher's thread before it takes the message, and {@link #done()} from any thread once the
 * message is safely recorded; the publisher releases its own hold after routing. The callback runs
 * once, on the thread of the last {@code done}: it only tells the publisher's actor. No ask, no
 * blocking.
 */
public final class PendingAck {

    private final AtomicInteger holds = new AtomicInteger(1);
    private final Runnable onRecorded;

    public PendingAck(Runnable onRecorded) {
        this.onRecorded = onRecorded;
    }

    /** One more recorder must confirm before the acknowledgement goes out. */
    public void expect() {
        if (onRecorded != null) {
            holds.incrementAndGet();
        }
    }

    /**
     * The publisher's own hold, released once routing is over. Returns true when nothing else
     * holds the acknowledgement: the caller sends it at once and the callback never runs.
     */
    public boolean release() {
        return onRecorded == null || holds.decrementAndGet() == 0;
    }

    /** A recorder is done. */
    public void done() {
        if (onRecorded != null && holds.decrementAndGet() == 0) {
            onRecorded.run();
        }
    }

    /** For messages that need no acknowledgement (QoS 0, wills, $SYS): every call is a no-op. */
    public static final PendingAck NONE = new PendingAck(null);
}
