package io.starling.loadtest;

/**
 * Publish-to-delivery latencies in microseconds, kept in buckets with about 6% resolution so
 * recording costs an array increment whatever the message rate.
 *
 * <p>Values below 16 µs have a bucket each; above, every power of two is split in 16 equal
 * buckets. A percentile is reported as the upper bound of its bucket. Not thread-safe (one per
 * subscriber, merged at the end).
 */
final class LatencyHistogram {

    private static final int SUB_BUCKETS = 16;
    private static final int SUB_BITS = 4;
    /** Enough powers of two for any long. */
    private static final int BUCKETS = (64 - SUB_BITS + 1) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long max;

    void record(long micros) {
        long v = Math.max(0, micros);
        counts[bucketOf(v)]++;
        count++;
        max = Math.max(max, v);
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    /** The latency below which a fraction {@code q} (0..1) of the recorded values fall; 0 if empty. */
    long percentile(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(Math.min(1.0, Math.max(0.0, q)) * count);
        rank = Math.max(1, rank);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return Math.min(upperBoundOf(b), max);
            }
        }
        return max;
    }

    void addAll(LatencyHistogram other) {
        for (int b = 0; b < BUCKETS; b++) {
            counts[b] += other.counts[b];
        }
        count += other.count;
        max = Math.max(max, other.max);
    }

    LatencyHistogram copy() {
        LatencyHistogram c = new LatencyHistogram();
        c.addAll(this);
        return c;
    }

    static int bucketOf(long v) {
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);
        int shift = exponent - SUB_BITS;
        int sub = (int) ((v >>> shift) & (SUB_BUCKETS - 1));
        return (shift + 1) * SUB_BUCKETS + sub;
    }

    /** The largest value that falls in bucket {@code b}. */
    static long upperBoundOf(int b) {
        if (b < SUB_BUCKETS) {
            return b;
        }
        int shift = b / SUB_BUCKETS - 1;
        long sub = b % SUB_BUCKETS;
        long lower = (SUB_BUCKETS + sub) << shift;
        return lower + (1L << shift) - 1;
    }
}
