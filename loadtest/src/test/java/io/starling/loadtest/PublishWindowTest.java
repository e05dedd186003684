package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublishWindowTest {

    @Test
    void windowIsFullAfterCapacityMessagesAwaitPubAck() {
        PublishWindow window = new PublishWindow(3);
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            ids.add(window.acquire());
        }

        assertEquals(3, ids.size());
        assertFalse(ids.contains(0));
        assertEquals(0, window.acquire());
        assertFalse(window.hasRoom());
    }

    @Test
    void pubAckMakesRoomForOneMore() {
        PublishWindow window = new PublishWindow(2);
        int first = window.acquire();
        window.acquire();

        assertTrue(window.release(first));

        assertEquals(1, window.inFlight());
        assertNotEquals(0, window.acquire());
    }

    @Test
    void pubAckForAnIdentifierNotInFlightIsReportedAsStray() {
        PublishWindow window = new PublishWindow(2);
        int id = window.acquire();

        assertTrue(window.release(id));
        assertFalse(window.release(id));
        assertFalse(window.release(0));
        assertFalse(window.release(70_000));
        assertEquals(0, window.inFlight());
    }

    @Test
    void identifiersWrapAroundAndSkipThoseStillInFlight() {
        PublishWindow window = new PublishWindow(2);
        int stuck = window.acquire();
        // cycle once through all identifiers with the other slot
        for (int i = 0; i < 70_000; i++) {
            int id = window.acquire();
            assertNotEquals(0, id);
            assertNotEquals(stuck, id);
            assertTrue(window.release(id));
        }
        assertEquals(1, window.inFlight());
    }

    @Test
    void brokerReceiveMaximumShrinksTheWindowButNeverGrowsIt() {
        PublishWindow window = new PublishWindow(100);

        window.limitTo(20);
        assertEquals(20, window.capacity());

        window.limitTo(500);
        assertEquals(20, window.capacity());
    }
}
