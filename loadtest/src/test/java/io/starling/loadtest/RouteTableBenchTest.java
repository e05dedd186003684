package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableBenchTest {

    @Test
    void defaultsAreTenThousandAHundredThousandAndAMillionRoutes() {
        RouteTableBench.Settings s = RouteTableBench.Settings.parse();

        assertEquals(List.of(10_000, 100_000, 1_000_000), s.routes());
        assertEquals(Duration.ofSeconds(2), s.lookupTime());
        assertEquals(Duration.ofSeconds(300), s.timeout());
        assertEquals(4_000, s.batch());
    }

    @Test
    void sizesTakeThousandsAndMillionsSuffixes() {
        RouteTableBench.Settings s = RouteTableBench.Settings.parse("--routes", "10k,250000,1m", "--batch", "0", "--lookup-time", "500ms",
                "--timeout", "1m");

        assertEquals(List.of(10_000, 250_000, 1_000_000), s.routes());
        assertEquals(Duration.ofMillis(500), s.lookupTime());
        assertEquals(Duration.ofMinutes(1), s.timeout());
        assertEquals(0, s.batch());
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RouteTableBench.Settings.parse("--routes", "0"));
        assertThrows(IllegalArgumentException.class, () -> RouteTableBench.Settings.parse("--routes", "20m"));
        assertThrows(IllegalArgumentException.class, () -> RouteTableBench.Settings.parse("--routes", "many"));
        assertThrows(IllegalArgumentException.class, () -> RouteTableBench.Settings.parse("--routes"));
        assertThrows(IllegalArgumentException.class, () -> RouteTableBench.Settings.parse("--timeout", "0s"));
        assertThrows(IllegalArgumentException.class, () -> RouteTableBench.Settings.parse("--sizes", "10"));
        assertThrows(IllegalArgumentException.class, () -> RouteTableBench.Settings.parse("--batch", "-1"));
        assertThrows(IllegalArgumentException.class, () -> RouteTableBench.Settings.parse("--batch", "lots"));
    }

    @Test
    void resultLineGivesRatesAndBytesPerRoute() {
        RouteTableResult r = new RouteTableResult(100_000, 2.0, 40, 120_000, 0, 4_650_000, 0.5, 14,
                72_700_000, 16_500_000, 500_000, 2_000_000);

        String line = r.summaryLine();

        assertTrue(line.startsWith("RESULT routes=100000 "), line);
        assertTrue(line.contains(" changes_per_s=50000 "), line);
        assertTrue(line.contains(" wire_bytes_per_route=46.5 "), line);
        assertTrue(line.contains(" late_join_routes_per_s=200000 "), line);
        assertTrue(line.contains(" peer_bytes_per_route=727 "), line);
        assertTrue(line.contains(" own_bytes_per_route=165 "), line);
        assertTrue(line.endsWith(" lookups_per_s=500000 misses_per_s=2000000"), line);
    }
}
