package io.starling.it.durable;

import static io.starling.it.durable.RetainedClient.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.LoopbackPorts;
import io.starling.it.NodeProcess;
import io.starling.it.PostgresDatabase;
import io.starling.config.StorageConfig;
import io.starling.node.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code persistence true} with {@code storage_jdbc_url jdbc:postgresql:...}: the node keeps its
 * durable state in PostgreSQL (a fresh database per test, on the server bin/postgres-local runs).
 */
class PostgresStorageIT {

    @RegisterExtension
    final PostgresDatabase database = PostgresDatabase.perTest();

    @TempDir
    Path dir;

    private void publish(NodeProcess node, String topic, String payload) {
        try (SessionClient publisher = SessionClient.connect(node, "publisher", true)) {
            publisher.publish(topic, payload, 1); // returns on PUBACK
        }
    }

    /**
     * Leaves a persistent session with a subscription and one queued QoS 1 message, and a retained
     * message; takes the node down as {@code down} does, starts it again, and checks all is back.
     */
    private void survives(Consumer<NodeProcess> down) {
        try (NodeProcess node = NodeProcess.start(dir, database.nodeConfig())) {
            try (SessionClient subscriber = SessionClient.connect(node, "sub-pg", false)) {
                subscriber.subscribe("plant/#", 1);
            }
            publish(node, "plant/line1", "queued");
            try (RetainedClient client = new RetainedClient(node)) {
                client.publishRetained("site/state", "running"); // not for plant/#
            }

            down.accept(node);
            node.restart();

            try (SessionClient subscriber = SessionClient.connect(node, "sub-pg", false)) {
                assertTrue(subscriber.sessionPresent(), node.tail());
                SessionClient.Received queued = subscriber.next();
                assertEquals("plant/line1", queued.topic(), node.tail());
                assertEquals("queued", queued.payload());
                assertEquals(1, queued.qos());
                publish(node, "plant/line2", "live"); // the subscription came back too
                assertEquals("live", subscriber.next().payload(), node.tail());
            }
            try (RetainedClient client = new RetainedClient(node)) {
                assertEquals(List.of("site/state=running"), client.retainedFor("site/state").stream()
                        .map(p -> p.getTopic() + "=" + payload(p)).toList(), node.tail());
            }
            assertTrue(output(node).contains("Persistent data in " + database.jdbcUrl()), node.tail());
        }
    }

    @Test
    void persistentSessionQueuedMessageAndRetainedMessageSurviveARestart() {
        survives(NodeProcess::stop);
    }

    @Test
    void persistentSessionQueuedMessageAndRetainedMessageSurviveKill9() {
        survives(NodeProcess::kill9);
        assertFalse(Files.exists(dir.resolve("starling.mv.db")), "no H2 file: the data is in PostgreSQL");
    }

    @Test
    void firstStartOnAnEmptyDatabaseCreatesTheTables() throws SQLException {
        assertEquals(List.of(), tables());

        try (NodeProcess node = NodeProcess.start(dir, database.nodeConfig())) {
            assertTrue(tables().containsAll(List.of("event_journal", "event_tag", "snapshot")), tables().toString());
            node.restart(); // the tables are there now: nothing to create, no error
            assertTrue(node.isAlive(), node.tail());
        }
    }

    @Test
    void unreachableDatabaseStopsTheNodeWithExitStatus1NamingTheUrl() {
        String url = "jdbc:postgresql://127.0.0.1:" + LoopbackPorts.free() + "/starling";

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> NodeProcess.start(dir, "persistence true\nstorage_jdbc_url " + url
                        + "\nstorage_jdbc_user starling\nstorage_jdbc_password not-to-be-shown\n").close());

        String message = refused.getMessage();
        assertTrue(message.contains("exited with status 1"), message);
        assertTrue(message.contains("cannot use the database " + url), message);
        assertTrue(message.contains("refused"), message); // the cause, as the driver says it
        assertFalse(message.contains("not-to-be-shown"), message);
    }

    @Test
    void tablesUnlikeThePluginsStopTheNodeNamingTheTable() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create table event_journal (id integer)");
        }

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> NodeProcess.start(dir, database.nodeConfig()).close());

        String message = refused.getMessage();
        assertTrue(message.contains("exited with status 1"), message);
        assertTrue(message.contains("cannot use the database " + database.jdbcUrl()), message);
        assertTrue(message.contains("event_journal: ERROR: column \"ordering\" does not exist"), message);
    }

    @Test
    void nodesStartingTogetherOnAnEmptyDatabaseAllFindTheirTables() throws Exception {
        // as the nodes of a cluster started at once: each prepares the storage in its own thread here
        Storage storage = Storage.jdbc(new StorageConfig(database.jdbcUrl(), database.user(), database.password()));
        ExecutorService nodes = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> prepared = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                prepared.add(nodes.submit(storage::prepare));
            }
            for (Future<?> each : prepared) {
                each.get(60, TimeUnit.SECONDS); // throws if one failed
            }
        } finally {
            nodes.shutdownNow();
        }
        assertTrue(tables().containsAll(List.of("event_journal", "event_tag", "snapshot")), tables().toString());
    }

    /** The tables in the database's public schema. */
    private List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select table_name from information_schema.tables where table_schema = 'public'"
                                + " order by table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static String output(NodeProcess node) {
        try (Stream<String> lines = Files.lines(node.log())) {
            return String.join("\n", lines.toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
