package io.starling.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.PostgresDatabase;
import io.starling.it.core.MosquittoCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code cluster-config/local-cluster start|status|stop}: three nodes on the ports the
 * example fixes (MQTT 1883-1885, cluster 2551-2553), in a temporary run directory and a fresh
 * PostgreSQL database. Those ports must be free (bin/test-setup stops the Mosquitto service it installs).
 */
class LocalClusterScriptIT {

    private static Path runDir;
    private static PostgresDatabase database;
    private static LocalClusterScript script;

    @BeforeAll
    static void prepare() throws IOException {
        runDir = Files.createTempDirectory("starling-local-cluster");
        database = PostgresDatabase.create();
        script = new LocalClusterScript(runDir, database);
    }

    @Test
    void startedNodesRouteFromNodeThreeToNodeOneAndStopShowsThemDown() {
        LocalClusterScript.Result start = script.run("start");
        assertEquals(0, start.exitCode(), "start failed: " + start.out() + "\n" + start.err());
        assertStatus("pid [0-9]+ up");

        MosquittoCli.RunningSub sub = MosquittoCli.sub(1883, "-t", "local/cluster/#", "-v", "-C", "1", "-q", "1");
        MosquittoCli.Result pub = MosquittoCli.pub(1885, "-t", "local/cluster/demo", "-m", "from node 3", "-q", "1");
        assertEquals(0, pub.exitCode(), pub.lines().toString());
        MosquittoCli.Result received = sub.awaitExit(Duration.ofSeconds(30));
        assertEquals(List.of("local/cluster/demo from node 3"), received.lines());

        LocalClusterScript.Result stop = script.run("stop");
        assertEquals(0, stop.exitCode(), "stop failed: " + stop.out() + "\n" + stop.err());
        assertStatus("pid - down");
    }

    /** status prints exactly one line per node, {@code node N port P } then {@code rest}, and exits 0. */
    private static void assertStatus(String rest) {
        LocalClusterScript.Result status = script.run("status");
        assertEquals(0, status.exitCode(), status.err());
        assertEquals(3, status.out().size(), status.out().toString());
        for (int n = 1; n <= 3; n++) {
            String expected = "node " + n + " port " + (1882 + n) + " " + rest;
            assertTrue(status.out().get(n - 1).matches(expected), "expected '" + expected + "' in " + status.out());
        }
    }

    @AfterAll
    static void stopAndCleanUp() throws IOException {
        try {
            if (script != null) {
                LocalClusterScript.Result stop = script.run("stop");
                assertEquals(0, stop.exitCode(), "stop failed: " + stop.out() + "\n" + stop.err());
            }
        } finally {
            if (database != null) {
                database.close();
            }
            if (runDir != null && !Boolean.getBoolean("starling.keepClusterLogs")) {
                try (Stream<Path> files = Files.walk(runDir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }
}
