package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReceiveTallyTest {

    @Test
    void everyMessageReceivedOnceMeansNoLossAndNoDuplicates() {
        ReceiveTally tally = new ReceiveTally(2);
        for (int seq = 0; seq < 100; seq++) {
            tally.record(0, seq);
            tally.record(1, seq);
        }

        assertEquals(200, tally.received());
        assertEquals(0, tally.lost(new long[] {100, 100}));
        assertEquals(0, tally.duplicates());
    }

    @Test
    void gapInTheSequenceCountsAsLost() {
        ReceiveTally tally = new ReceiveTally(1);
        for (int seq : new int[] {0, 1, 2, 5, 6, 9}) {
            tally.record(0, seq);
        }

        assertEquals(4, tally.lost(new long[] {10}));
    }

    @Test
    void messagesMissingAfterTheLastOneReceivedCountAsLost() {
        ReceiveTally tally = new ReceiveTally(1);
        tally.record(0, 0);
        tally.record(0, 1);

        assertEquals(8, tally.lost(new long[] {10}));
    }

    @Test
    void nothingReceivedLosesEverythingSent() {
        ReceiveTally tally = new ReceiveTally(3);

        assertEquals(60, tally.lost(new long[] {10, 20, 30}));
        assertEquals(0, tally.received());
    }

    @Test
    void repeatedMessageCountsAsDuplicateNotAsReceivedTwice() {
        ReceiveTally tally = new ReceiveTally(1);
        tally.record(0, 0);
        tally.record(0, 1);
        tally.record(0, 1);
        tally.record(0, 1);

        assertEquals(4, tally.received());
        assertEquals(2, tally.distinct());
        assertEquals(2, tally.duplicates());
        assertEquals(0, tally.lost(new long[] {2}));
    }

    @Test
    void lossIsCountedPerPublisher() {
        ReceiveTally tally = new ReceiveTally(2);
        // publisher 1's sequence 0 must not fill publisher 0's gap
        tally.record(0, 1);
        tally.record(1, 0);
        tally.record(1, 1);

        assertEquals(1, tally.lost(new long[] {2, 2}));
        assertEquals(0, tally.duplicates());
    }

    @Test
    void sameSequenceFromTwoPublishersIsNotADuplicate() {
        ReceiveTally tally = new ReceiveTally(2);
        tally.record(0, 7);
        tally.record(1, 7);

        assertEquals(0, tally.duplicates());
    }

    @Test
    void sharedSubscriptionMembersTogetherReceivingEachMessageOnceLoseNothing() {
        ReceiveTally even = new ReceiveTally(1);
        ReceiveTally odd = new ReceiveTally(1);
        for (int seq = 0; seq < 10; seq++) {
            (seq % 2 == 0 ? even : odd).record(0, seq);
        }

        ReceiveTally group = even.copy();
        group.addAll(odd);

        assertEquals(5, even.lost(new long[] {10}));
        assertEquals(0, group.lost(new long[] {10}));
        assertEquals(0, group.duplicates());
        assertEquals(10, group.received());
    }

    @Test
    void messageDeliveredToTwoSharedSubscriptionMembersIsADuplicate() {
        ReceiveTally a = new ReceiveTally(1);
        ReceiveTally b = new ReceiveTally(1);
        a.record(0, 0);
        a.record(0, 1);
        b.record(0, 1);

        a.addAll(b);

        assertEquals(1, a.duplicates());
        assertEquals(0, a.lost(new long[] {2}));
    }

    @Test
    void copyIsIndependentOfLaterDeliveries() {
        ReceiveTally tally = new ReceiveTally(1);
        tally.record(0, 0);
        ReceiveTally copy = tally.copy();
        tally.record(0, 1);

        assertEquals(1, copy.received());
        assertEquals(1, copy.lost(new long[] {2}));
    }

    @Test
    void messageFromAnUnknownPublisherIsRejected() {
        ReceiveTally tally = new ReceiveTally(2);

        assertThrows(IllegalArgumentException.class, () -> tally.record(2, 0));
        assertThrows(IllegalArgumentException.class, () -> tally.record(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> tally.record(0, -1));
        assertEquals(0, tally.received());
    }

    @Test
    void messageArrivingAfterALaterOneIsOutOfOrder() {
        ReceiveTally tally = new ReceiveTally(1);
        for (int seq : new int[] {0, 2, 1, 3}) {
            tally.record(0, seq);
        }

        assertEquals(1, tally.outOfOrder());
        assertEquals(0, tally.lost(new long[] {4}));
        assertEquals(0, tally.duplicates());
    }

    @Test
    void redeliveryOfAnEarlierMessageIsADuplicateNotOutOfOrder() {
        ReceiveTally tally = new ReceiveTally(1);
        for (int seq : new int[] {0, 1, 2, 1}) {
            tally.record(0, seq);
        }

        assertEquals(0, tally.outOfOrder());
        assertEquals(1, tally.duplicates());
    }

    @Test
    void orderIsKeptPerPublisher() {
        ReceiveTally tally = new ReceiveTally(2);
        tally.record(0, 5);
        tally.record(1, 0);
        tally.record(1, 1);

        assertEquals(0, tally.outOfOrder());
    }

    @Test
    void lossCountsOnlyThePublishersGiven() {
        // a pairs subscriber hears one publisher: the others' messages are not lost to it
        ReceiveTally tally = new ReceiveTally(3);
        tally.record(1, 0);
        tally.record(1, 1);

        assertEquals(0, tally.lost(new long[] {0, 2, 0}));
        assertEquals(1, tally.lost(new long[] {0, 3, 0}));
    }

    @Test
    void mergedTalliesAddTheirMembersOutOfOrderCounts() {
        ReceiveTally a = new ReceiveTally(1);
        a.record(0, 3);
        a.record(0, 1);
        ReceiveTally b = new ReceiveTally(1);
        b.record(0, 2);

        a.addAll(b);

        assertEquals(1, a.outOfOrder());
        assertEquals(1, a.copy().outOfOrder());
    }
}
