package io.starling.it.durable;

import static io.starling.it.durable.RetainedClient.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.NodeProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** autosave_interval / autosave_on_changes: snapshots in the database, and a restart from them. */
class RetainedSnapshotsIT {

    @TempDir
    Path dir;

    @Test
    void restartRebuildsRetainedMessagesFromTheSnapshotAndTheEventsAfterIt() throws SQLException {
        Path data = dir.resolve("data");
        try (NodeProcess node = NodeProcess.start(dir, "persistence true\npersistence_location " + data
                + "\nautosave_on_changes true\nautosave_interval 3\n")) {
            try (RetainedClient client = new RetainedClient(node)) {
                for (int i = 1; i <= 10; i++) {
                    client.publishRetained("room/" + (i % 4), Integer.toString(i));
                }
                client.publishRetained("room/0", ""); // the 11th change clears room/0 (8)
            }

            node.restart();

            try (RetainedClient client = new RetainedClient(node)) {
                List<String> retained = client.retainedFor("room/#").stream()
                        .map(p -> p.getTopic() + "=" + payload(p)).sorted().toList();
                assertEquals(List.of("room/1=9", "room/2=10", "room/3=7"), retained, node.tail());
            }
            node.stop();
        }

        // the markers RetainedClient publishes count as changes too: only bounds are certain
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("starling"), "sa", "")) {
            long snapshots = count(db, "select count(*) from \"snapshot\"");
            long liveEvents = count(db, "select count(*) from \"event_journal\" where not \"deleted\"");
            // two are kept; deleting an older one runs after the new one is saved and may still be
            // pending when the node stops, so a third can remain until the next snapshot
            assertTrue(snapshots >= 1 && snapshots <= 3, snapshots + " snapshots kept");
            assertTrue(liveEvents < 11, liveEvents + " events left after snapshots deleted the older ones");
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (ResultSet result = db.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
