package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void emptyHistogramReportsZero() {
        assertEquals(0, new LatencyHistogram().percentile(0.99));
    }

    @Test
    void percentilesAreWithinBucketResolution() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 10_000; v++) {
            h.record(v);
        }

        assertWithin(5_000, h.percentile(0.50));
        assertWithin(9_900, h.percentile(0.99));
        assertEquals(10_000, h.percentile(1.0));
        assertEquals(10_000, h.max());
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(3);
        h.record(3);
        h.record(9);

        assertEquals(3, h.percentile(0.5));
        assertEquals(9, h.percentile(1.0));
    }

    @Test
    void mergedHistogramCountsBoth() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(100);
        b.record(1_000_000);

        a.addAll(b);

        assertEquals(2, a.count());
        assertEquals(1_000_000, a.max());
    }

    @Test
    void everyValueFallsInABucketWhoseUpperBoundIsAtLeastTheValue() {
        for (long v : new long[] {0, 1, 15, 16, 17, 31, 32, 33, 1_000, 65_535, 1L << 40, Long.MAX_VALUE}) {
            int b = LatencyHistogram.bucketOf(v);
            assertTrue(LatencyHistogram.upperBoundOf(b) >= v, "upper bound of bucket for " + v);
            if (b > 0) {
                assertTrue(LatencyHistogram.upperBoundOf(b - 1) < v, "previous bucket ends before " + v);
            }
        }
    }

    private static void assertWithin(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected * 0.07, "expected about " + expected + ", got " + actual);
    }
}
