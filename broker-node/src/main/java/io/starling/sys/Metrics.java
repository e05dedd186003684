package io.starling.sys;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The node's counters, updated on the hot path without contention (LongAdder) and read every
 * {@code sys_interval} by the $SYS publisher.
 */
public final class Metrics {

    public final long startedAtMillis = System.currentTimeMillis();

    public final AtomicInteger clientsConnected = new AtomicInteger();
    public final AtomicInteger clientsMaximum = new AtomicInteger();
    /** Sessions that exist, connected or not. */
    public final AtomicInteger sessions = new AtomicInteger();

    public final LongAdder messagesReceived = new LongAdder();
    public final LongAdder messagesSent = new LongAdder();
    public final LongAdder publishReceived = new LongAdder();
    public final LongAdder publishSent = new LongAdder();
    public final LongAdder bytesReceived = new LongAdder();
    public final LongAdder bytesSent = new LongAdder();
    public final LongAdder droppedMessages = new LongAdder();
    public final LongAdder expiredMessages = new LongAdder();
    public final LongAdder queuedMessages = new LongAdder();
    public final LongAdder malformedPackets = new LongAdder();
    /** CONNECTs refused for their username or password, and those refused unchecked by {@code auth_failure_limit}. */
    public final LongAdder authFailures = new LongAdder();
    public final LongAdder authRateLimited = new LongAdder();
    /** PUBLISH packets dropped because the ACL denies the client writing to their topic. */
    public final LongAdder publishDenied = new LongAdder();
    /** Messages sent to other cluster nodes (once per destination node) and received from them. */
    public final LongAdder clusterForwarded = new LongAdder();
    public final LongAdder clusterReceived = new LongAdder();

    public void clientConnected() {
        int now = clientsConnected.incrementAndGet();
        clientsMaximum.accumulateAndGet(now, Math::max);
    }

    public void clientDisconnected() {
        clientsConnected.decrementAndGet();
    }
}
