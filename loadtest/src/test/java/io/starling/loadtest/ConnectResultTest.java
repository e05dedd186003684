package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectResultTest {

    private static ConnectResult result(int connected, int failed, int dropped, long rssBefore, long rssHeld) {
        return new ConnectResult(1_000, connected, failed, dropped, 2.0, 10.0, rssBefore, rssHeld, "any", "3.1.1",
                failed + dropped > 0 ? "lt-c7: refused" : null);
    }

    private static Map<String, String> fields(String line) {
        assertTrue(line.startsWith("RESULT scenario=connect "), line);
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring("RESULT ".length()).split(" ")) {
            String[] kv = field.split("=", 2);
            assertEquals(2, kv.length, "not key=value: " + field);
            fields.put(kv[0], kv[1]);
        }
        return fields;
    }

    @Test
    void memoryPerConnectionIsTheGrowthDividedByTheConnectionsHeld() {
        ConnectResult r = result(1_000, 0, 0, 10_000, 30_000);

        assertEquals(20.0, r.rssPerConnectionKib());
        assertEquals(500.0, r.connectRate());
        Map<String, String> f = fields(r.summaryLine());
        assertEquals("20.00", f.get("rss_per_conn_kib"));
        assertEquals("500", f.get("connect_rate"));
        assertEquals("1000", f.get("connected"));
        assertEquals("0", f.get("errors"));
        assertNull(r.failure());
    }

    @Test
    void unknownBrokerMemoryIsReportedAsMinusOne() {
        ConnectResult r = result(1_000, 0, 0, -1, -1);

        assertEquals("-1.00", fields(r.summaryLine()).get("rss_per_conn_kib"));
        assertTrue(r.humanLines().stream().noneMatch(l -> l.contains("per connection")));
    }

    @Test
    void failedAndDroppedConnectionsFailTheRun() {
        ConnectResult r = result(990, 10, 2, 1, 2);

        assertEquals("12", fields(r.summaryLine()).get("errors"));
        assertTrue(r.failure().contains("12 of 1000"), r.failure());
    }

    @Test
    void connectionsNeverStartedFailTheRun() {
        assertTrue(result(900, 0, 0, 1, 2).failure().contains("only 900 of 1000"));
    }
}
