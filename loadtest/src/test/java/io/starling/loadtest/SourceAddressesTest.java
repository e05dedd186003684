package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void listOfLoopbackAddressesIsTakenAsGiven() {
        assertEquals(List.of("127.0.0.2", "127.0.0.3"), SourceAddresses.parse("127.0.0.2, 127.0.0.3").addresses());
    }

    @Test
    void countMeansTheFirstLoopbackAddresses() {
        assertEquals(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"), SourceAddresses.parse("3").addresses());
    }

    @Test
    void connectionsAreSpreadRoundRobin() {
        SourceAddresses sources = SourceAddresses.parse("127.0.0.2,127.0.0.3");

        assertEquals("127.0.0.2", sources.forConnection(0));
        assertEquals("127.0.0.3", sources.forConnection(1));
        assertEquals("127.0.0.2", sources.forConnection(2));
    }

    @Test
    void noAddressesLetsTheSystemChoose() {
        assertTrue(SourceAddresses.ANY.isAny());
        assertNull(SourceAddresses.ANY.forConnection(7));
    }

    @Test
    void nonLoopbackOrMalformedAddressesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse("192.168.0.2"));
        assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse("127.0.0.2,127.0.0.2"));
        assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse("255"));
    }
}
