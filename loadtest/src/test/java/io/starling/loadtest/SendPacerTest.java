package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SendPacerTest {

    @Test
    void unlimitedPacerNeverHoldsBack() {
        SendPacer pacer = SendPacer.unlimited();
        pacer.start(0);

        assertEquals(Long.MAX_VALUE, pacer.allowance(0, 1_000_000));
        assertEquals(0, pacer.nanosUntilNext(0, 1_000_000));
    }

    @Test
    void limitedPacerSpreadsMessagesEvenly() {
        SendPacer pacer = SendPacer.perSecond(1_000); // one per millisecond
        pacer.start(5_000_000_000L);

        assertEquals(1, pacer.allowance(5_000_000_000L, 0));
        assertEquals(0, pacer.allowance(5_000_000_000L, 1));
        assertEquals(1_000_000, pacer.nanosUntilNext(5_000_000_000L, 1));
        assertEquals(10, pacer.allowance(5_010_000_000L, 1));
        assertEquals(0, pacer.nanosUntilNext(5_010_000_000L, 5));
    }
}
