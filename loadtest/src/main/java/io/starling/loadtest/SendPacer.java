package io.starling.loadtest;

/**
 * How many messages a publisher may send by now: unlimited by default, or spread evenly over
 * time when a target rate is set (to measure latency at a load below saturation).
 */
final class SendPacer {

    private final double perNano;
    private long startNanos;

    private SendPacer(double messagesPerSecond) {
        this.perNano = messagesPerSecond / 1e9;
    }

    static SendPacer unlimited() {
        return new SendPacer(0);
    }

    /** {@code messagesPerSecond <= 0} means unlimited. */
    static SendPacer perSecond(double messagesPerSecond) {
        return new SendPacer(Math.max(0, messagesPerSecond));
    }

    boolean isLimited() {
        return perNano > 0;
    }

    void start(long nowNanos) {
        startNanos = nowNanos;
    }

    /** Messages that may be sent now, given {@code sent} already sent since {@link #start}. */
    long allowance(long nowNanos, long sent) {
        if (!isLimited()) {
            return Long.MAX_VALUE;
        }
        // one message is due at the start, then one every 1/rate
        long due = (long) Math.floor((nowNanos - startNanos) * perNano) + 1;
        return Math.max(0, due - sent);
    }

    /** Nanoseconds until the next message is due (0 if one is due now). */
    long nanosUntilNext(long nowNanos, long sent) {
        if (!isLimited()) {
            return 0;
        }
        long dueAt = startNanos + (long) Math.ceil(sent / perNano);
        return Math.max(0, dueAt - nowNanos);
    }
}
