package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrokerMemoryTest {

    @Test
    void residentSetIsReadFromTheVmRssLine() {
        String status = "Name:\tmosquitto\nVmPeak:\t   20000 kB\nVmRSS:\t    7316 kB\nRssAnon:\t    1000 kB\n";

        assertEquals(7316, BrokerMemory.vmRssKib(status));
    }

    @Test
    void statusWithoutVmRssIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BrokerMemory.vmRssKib("Name:\tkthreadd\nState:\tS\n"));
    }

    @Test
    void ownProcessHasAResidentSet() {
        assertTrue(BrokerMemory.rssKib(ProcessHandle.current().pid()) > 0);
    }

    @Test
    void missingProcessGivesMinusOne() {
        assertEquals(-1, BrokerMemory.rssKib(Long.MAX_VALUE));
    }
}
