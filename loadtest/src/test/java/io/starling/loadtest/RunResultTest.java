package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunResultTest {

    private static RunResult result(int errors, DrainEnd drainEnd) {
        return new RunResult("fanin", 1, "3.1.1", 8, 1, false, 64, 1000, 1000, 998, 3, 1, 0,
                12_345.6, 12_000.4, 10.0, 0.5, drainEnd, 800, 2_000, 9_000, errors, errors > 0 ? "lt-p0: closed" : null);
    }

    private static RunResult result(int errors) {
        return result(errors, DrainEnd.QUIET);
    }

    @Test
    void summaryLineCarriesTheCountsAsKeyValuePairs() {
        String line = result(0).summaryLine();

        assertTrue(line.startsWith("RESULT scenario=fanin qos=1 pubs=8 subs=1 "), line);
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring("RESULT ".length()).split(" ")) {
            String[] kv = field.split("=", 2);
            assertEquals(2, kv.length, "not key=value: " + field);
            fields.put(kv[0], kv[1]);
        }
        assertEquals("1000", fields.get("sent"));
        assertEquals("998", fields.get("received"));
        assertEquals("3", fields.get("lost"));
        assertEquals("1", fields.get("dup"));
        assertEquals("12346", fields.get("sent_rate"));
        assertEquals("12000", fields.get("recv_rate"));
        assertEquals("0", fields.get("errors"));
        assertEquals("quiet", fields.get("drain"));
    }

    @Test
    void lossCountedWhileMessagesWereStillArrivingIsPointedOut() {
        assertTrue(result(0, DrainEnd.TIME_LIMIT).humanLines().stream().anyMatch(l -> l.contains("still arriving")));
        assertTrue(result(0, DrainEnd.QUIET).humanLines().stream().noneMatch(l -> l.contains("still arriving")));
    }

    @Test
    void humanLinesMentionErrorsOnlyWhenThereAreSome() {
        assertTrue(result(0).humanLines().stream().noneMatch(l -> l.startsWith("errors")));
        assertTrue(result(2).humanLines().stream().anyMatch(l -> l.contains("2 connection(s) failed")));
    }
}
