package io.starling.loadtest;

import java.util.BitSet;

/**
 * Which messages of each publisher one subscriber (or one shared-subscription group) received.
 *
 * <p>One bit per sequence number and publisher: exact, and it lets the tallies of the members of
 * a shared subscription be merged (a message delivered to two members is a duplicate, a message
 * delivered to none is lost). Memory is one bit per message, so about 1.2 MB per 10 million
 * messages.
 *
 * <p>Not thread-safe: a tally is touched only by its subscriber's event loop; the run reads a
 * {@link #copy()} taken on that event loop.
 */
final class ReceiveTally {

    private final BitSet[] seen;
    /** The highest sequence received from each publisher so far, -1 before the first. */
    private final long[] highest;
    private long received;
    private long outOfOrder;

    ReceiveTally(int publishers) {
        seen = new BitSet[publishers];
        highest = new long[publishers];
        for (int i = 0; i < publishers; i++) {
            seen[i] = new BitSet();
            highest[i] = -1;
        }
    }

    /** Counts one delivery; throws if the publisher or sequence cannot come from this run. */
    void record(int publisherId, long sequence) {
        if (publisherId < 0 || publisherId >= seen.length) {
            throw new IllegalArgumentException("unknown publisher " + publisherId);
        }
        if (sequence < 0 || sequence >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sequence " + sequence + " out of range");
        }
        BitSet s = seen[publisherId];
        if (!s.get((int) sequence) && sequence < highest[publisherId]) {
            // a first delivery behind a later message of the same publisher: MQTT keeps a
            // publisher's order per topic, so this is a broker bug (a redelivery is a duplicate instead)
            outOfOrder++;
        }
        s.set((int) sequence);
        highest[publisherId] = Math.max(highest[publisherId], sequence);
        received++;
    }

    /** First deliveries that arrived after a later message of the same publisher. */
    long outOfOrder() {
        return outOfOrder;
    }

    /** Every delivery counted, duplicates included. */
    long received() {
        return received;
    }

    /** Different messages received. */
    long distinct() {
        long n = 0;
        for (BitSet s : seen) {
            n += s.cardinality();
        }
        return n;
    }

    /** Deliveries of a message already received. */
    long duplicates() {
        return received - distinct();
    }

    /**
     * Messages sent but never received: the gaps in each publisher's sequence, including the ones
     * after the last message received. {@code sentByPublisher[p]} is how many publisher p sent
     * (sequences 0 .. sent-1).
     */
    long lost(long[] sentByPublisher) {
        if (sentByPublisher.length != seen.length) {
            throw new IllegalArgumentException(
                    "expected " + seen.length + " publishers, got " + sentByPublisher.length);
        }
        long lost = 0;
        for (int p = 0; p < seen.length; p++) {
            long sent = Math.min(sentByPublisher[p], Integer.MAX_VALUE);
            long got = seen[p].get(0, (int) sent).cardinality();
            lost += sent - got;
        }
        return lost;
    }

    /** Adds another tally's deliveries to this one (the members of one shared subscription). */
    void addAll(ReceiveTally other) {
        if (other.seen.length != seen.length) {
            throw new IllegalArgumentException("tallies for different publisher counts");
        }
        for (int p = 0; p < seen.length; p++) {
            seen[p].or(other.seen[p]);
            highest[p] = Math.max(highest[p], other.highest[p]);
        }
        received += other.received;
        // each member's own reordering; across members of a shared group there is no order to keep
        outOfOrder += other.outOfOrder;
    }

    ReceiveTally copy() {
        ReceiveTally c = new ReceiveTally(seen.length);
        c.addAll(this);
        return c;
    }
}
