package io.starling.it.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.NodeProcess;
import io.starling.mqtt.Message;
import io.starling.node.Storage;
import io.starling.retain.RetainedJournal;
import io.starling.retain.RetainedMessages;
import io.starling.route.PendingAck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 database under persistence_location, as the node sets it up (in this JVM). */
class StorageIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void persistenceFalseNeedsNoFileAndNoPlugin() {
        Storage storage = Storage.inMemory();

        storage.prepare();

        assertFalse(storage.isDurable());
        assertTrue(storage.pekkoConfig().isEmpty());
    }

    @Test
    void firstStartCreatesTheDatabaseAndItsTablesAndLaterStartsKeepThem() {
        Path data = dir.resolve("not/yet/there");
        Storage storage = Storage.onDisk(data);

        storage.prepare();
        storage.prepare(); // the tables exist now: nothing to do, no error

        assertEquals(data.resolve("starling.mv.db"), storage.databaseFile());
        assertTrue(Files.isRegularFile(storage.databaseFile()));
    }

    @Test
    void journalWritesAreReadBackAndTheReadJournalListsPersistenceIds() throws Exception {
        Storage storage = Storage.onDisk(dir);
        storage.prepare();

        ActorSystem<Void> first = ActorSystem.create(Behaviors.empty(), "first", storage.pekkoConfig());
        try {
            RetainedMessages retained = RetainedMessages.durable(first, new RetainedJournal.Autosave(1800, false), WAIT);
            CountDownLatch recorded = new CountDownLatch(1);
            PendingAck ack = new PendingAck(recorded::countDown);
            retained.update(Message.of("a/b", 1, true, "x".getBytes(StandardCharsets.UTF_8)), ack);
            ack.done();
            assertTrue(recorded.await(WAIT.toSeconds(), TimeUnit.SECONDS));

            JdbcReadJournal readJournal = PersistenceQuery.get(first)
                    .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
            List<String> ids = readJournal.currentPersistenceIds().runWith(Sink.seq(), first)
                    .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(List.of(RetainedJournal.PERSISTENCE_ID.id()), ids);
        } finally {
            terminate(first);
        }

        ActorSystem<Void> second = ActorSystem.create(Behaviors.empty(), "second", storage.pekkoConfig());
        try {
            RetainedMessages retained = RetainedMessages.durable(second, new RetainedJournal.Autosave(1800, false), WAIT);
            assertEquals(1, retained.size());
        } finally {
            terminate(second);
        }
    }

    @Test
    void databaseInUseByAnotherNodeStopsStartUp() {
        Path data = dir.resolve("data");
        try (NodeProcess node = NodeProcess.start(dir.resolve("node"),
                "persistence true\npersistence_location " + data + "\n")) {
            IllegalStateException refused =
                    assertThrows(IllegalStateException.class, () -> Storage.onDisk(data).prepare());
            assertTrue(refused.getMessage().contains(data.resolve("starling.mv.db").toString()), refused.getMessage());
        }
    }

    private static void terminate(ActorSystem<Void> system) throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
