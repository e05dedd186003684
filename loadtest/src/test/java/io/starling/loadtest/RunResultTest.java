package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunResultTest {

    private static RunResult result(int qos, long lost, int errors, DrainEnd drainEnd) {
        return new RunResult("fanin", qos, "3.1.1", 8, 1, false, 64, 1000, 1000, 998, lost, 1, 2, 0,
                12_345.6, 12_000.4, 10.0, 0.5, drainEnd, 800, 2_000, 4_000, 9_000, true, errors,
                errors > 0 ? "lt-p0: closed" : null);
    }

    private static RunResult result(int errors, DrainEnd drainEnd) {
        return result(1, 3, errors, drainEnd);
    }

    private static RunResult result(int errors) {
        return result(errors, DrainEnd.QUIET);
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring("RESULT ".length()).split(" ")) {
            String[] kv = field.split("=", 2);
            assertEquals(2, kv.length, "not key=value: " + field);
            fields.put(kv[0], kv[1]);
        }
        return fields;
    }

    @Test
    void summaryLineCarriesTheCountsAsKeyValuePairs() {
        String line = result(0).summaryLine();

        assertTrue(line.startsWith("RESULT scenario=fanin qos=1 pubs=8 subs=1 "), line);
        Map<String, String> fields = fields(line);
        assertEquals("1000", fields.get("sent"));
        assertEquals("998", fields.get("received"));
        assertEquals("3", fields.get("lost"));
        assertEquals("1", fields.get("duplicated"));
        assertEquals("2", fields.get("out_of_order"));
        assertEquals("4000", fields.get("p999_us"));
        assertEquals("true", fields.get("clean_session"));
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

    @Test
    void lostQos1MessageFailsTheRun() {
        assertTrue(result(1, 3, 0, DrainEnd.QUIET).failure().contains("3 QoS 1 message(s) lost"));
        assertNull(result(1, 0, 0, DrainEnd.COMPLETE).failure());
    }

    @Test
    void lostQos0MessageIsReportedButDoesNotFailTheRun() {
        RunResult r = result(0, 3, 0, DrainEnd.QUIET);

        assertNull(r.failure());
        assertEquals("3", fields(r.summaryLine()).get("lost"));
    }

    @Test
    void brokenConnectionFailsEvenAQos0Run() {
        assertTrue(result(0, 0, 1, DrainEnd.COMPLETE).failure().contains("1 connection(s) failed"));
    }
}
