package io.starling.route.flow;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscriber's side of back-pressure: how many messages wait for one connected client (in
 * its session's mailbox and its outbox queue), and the publishers held back until that falls.
 *
 * <p>Above the high-water mark the backlog is congested: a publisher delivering to it is held
 * ({@link #holdIfCongested}) and released once the backlog is down to half the mark. Publishers
 * are held only while the client is online and its session makes progress: an offline session,
 * or one that sent nothing for a while ({@link StallWatch}), must not stop everyone else; its
 * queue limits apply instead, as in Mosquitto.
 *
 * <p>Counts are updated by the publishers' threads (a message in) and the session's thread (a
 * message out). A publisher adds itself to the waiters and then checks the backlog again, while
 * the session lowers the backlog and then looks at the waiters; so one of the two always sees
 * the other and no publisher waits for a wake-up that already happened.
 */
public final class Backlog {

    private final int highWater;
    private final int lowWater;
    private final AtomicInteger inMailbox = new AtomicInteger();
    private final ConcurrentLinkedQueue<Throttle> waiting = new ConcurrentLinkedQueue<>();
    private volatile int queued;
    private volatile long sent;
    private volatile boolean online;
    private volatile boolean stalled;

    public Backlog(int highWater) {
        this.highWater = highWater;
        this.lowWater = highWater / 2;
    }

    /** A message was told to the session (publisher's thread). */
    public void entered() {
        inMailbox.incrementAndGet();
    }

    /** The session took a message from its mailbox. */
    public void taken() {
        inMailbox.decrementAndGet();
    }

    public int inMailbox() {
        return inMailbox.get();
    }

    /**
     * Holds the publisher when this backlog is congested; it is released when the backlog falls
     * (or the client leaves, or stalls). Called on the publisher's thread after {@link #entered}.
     */
    public void holdIfCongested(Throttle publisher, StallWatch watch) {
        if (publisher == Throttle.NONE || !online || stalled || size() < highWater) {
            return;
        }
        publisher.hold();
        waiting.add(publisher);
        watch.watch(this);
        if (!online || stalled || size() <= lowWater) {
            releaseWaiting(); // the session drained meanwhile and may have looked already
        }
    }

    /**
     * The session's outbox changed (session's thread): {@code queuedNow} messages wait in it and
     * {@code sentSoFar} have been written since the session began.
     */
    public void outboxChanged(int queuedNow, long sentSoFar) {
        queued = queuedNow;
        sent = sentSoFar;
        if (size() <= lowWater) {
            stalled = false;
            if (!waiting.isEmpty()) {
                releaseWaiting();
            }
        }
    }

    /** The client connected (session's thread). */
    public void online() {
        online = true;
        stalled = false;
    }

    /** The client went away: nobody waits for an offline session. */
    public void offline() {
        online = false;
        releaseWaiting();
    }

    boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    long sent() {
        return sent;
    }

    /** The session sent nothing for a while: stop holding publishers until it catches up. */
    void stall() {
        stalled = true;
        releaseWaiting();
    }

    private int size() {
        return inMailbox.get() + queued;
    }

    private void releaseWaiting() {
        Throttle next;
        while ((next = waiting.poll()) != null) {
            next.release();
        }
    }
}
