package io.starling.auth.dynsec.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.auth.dynsec.DynamicSecurity;
import io.starling.auth.dynsec.DynsecFile;
import io.starling.auth.dynsec.DynsecInit;
import io.starling.auth.dynsec.Kicks;
import io.starling.publish.ControlEndpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's dynamic security with the entity and several "nodes" (each a {@link DynamicSecurity}
 * with its own file and its replica) in one actor system. Every test starts from an empty journal.
 */
class DynsecReplicationTest {

    private static final ActorTestKit testKit = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(PersistenceTestKitSnapshotPlugin.config()));
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @AfterEach
    void forgetTheJournal() {
        PersistenceTestKit.create(testKit.system()).clearAll();
        SnapshotTestKit.create(testKit.system()).clearAll();
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** One node: its file, its live dynamic security, its replica and endpoint, and whom it kicked. */
    private record Node(DynamicSecurity dynsec, ActorRef<DynsecReplica.Command> replica,
            ClusterDynsecEndpoint endpoint, List<Kicks> kicked) {

        boolean knows(String username) {
            return dynsec.state().client(username) != null;
        }

        String file() throws Exception {
            return Files.readString(dynsec.file());
        }

        String send(String command) throws Exception {
            byte[] payload = ("{\"commands\":[" + command + "]}").getBytes(StandardCharsets.UTF_8);
            byte[] answer = endpoint.handle(new ControlEndpoints.ControlRequest("ctrl", "admin", payload))
                    .toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return answer == null ? null : new String(answer, StandardCharsets.UTF_8);
        }

        void awaitSynced() throws Exception {
            CompletableFuture<Void> synced = new CompletableFuture<>();
            replica.tell(new DynsecReplica.AwaitSynced(synced));
            synced.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private DynamicSecurity file(String name, String admin) throws Exception {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, DynsecInit.initialFile(admin, "secret", RANDOM));
        return DynamicSecurity.load(file);
    }

    private Node node(DynamicSecurity dynsec, ActorRef<DynsecEntity.Command> entity) throws Exception {
        List<Kicks> kicked = new CopyOnWriteArrayList<>();
        dynsec.kickWith(kicked::add);
        ActorRef<DynsecReplica.Command> replica = testKit.spawn(DynsecReplica.create(dynsec, entity));
        Node node = new Node(dynsec, replica,
                new ClusterDynsecEndpoint(entity, replica, testKit.scheduler(), WAIT), kicked);
        node.awaitSynced();
        return node;
    }

    private ActorRef<DynsecEntity.Command> entity(DynamicSecurity seed) {
        return testKit.spawn(DynsecEntity.create(seed::state));
    }

    private static String createClient(String username) {
        return "{\"command\":\"createClient\",\"username\":\"" + username + "\",\"password\":\"pw\"}";
    }

    @Test
    void everyNodeTakesTheStateOfTheNodeWhereTheClusterFirstStarts() throws Exception {
        DynamicSecurity first = file("first", "admin");
        ActorRef<DynsecEntity.Command> entity = entity(first);
        Node a = node(first, entity);
        Node b = node(file("second", "otheradmin"), entity);
        assertTrue(b.knows("admin"));
        assertNull(b.dynsec().state().client("otheradmin"));
        assertTrue(b.file().contains("\"admin\""));
        assertTrue(a.knows("admin"));
        testKit.stop(entity);
    }

    @Test
    void aChangeThroughOneNodeIsInForceThereAtOnceAndReachesEveryNode() throws Exception {
        DynamicSecurity first = file("a", "admin");
        ActorRef<DynsecEntity.Command> entity = entity(first);
        Node a = node(first, entity);
        Node b = node(file("b", "admin"), entity);
        Node c = node(file("c", "admin"), entity);
        String answer = b.send(createClient("alice"));
        assertEquals("{\"responses\":[{\"command\":\"createClient\"}]}", answer);
        assertTrue(b.knows("alice"), "in force on the node that answered");
        await().atMost(WAIT).until(() -> a.knows("alice") && c.knows("alice"));
        for (Node node : List.of(a, b, c)) {
            assertEquals(DynsecFile.format(b.dynsec().state()), node.file());
        }
        testKit.stop(entity);
    }

    @Test
    void disablingAClientDisconnectsItOnEveryNode() throws Exception {
        DynamicSecurity first = file("a", "admin");
        ActorRef<DynsecEntity.Command> entity = entity(first);
        Node a = node(first, entity);
        Node b = node(file("b", "admin"), entity);
        a.send(createClient("alice"));
        a.send("{\"command\":\"disableClient\",\"username\":\"alice\"}");
        await().atMost(WAIT).until(() -> b.kicked().stream().anyMatch(k -> k.usernames().contains("alice")));
        assertTrue(a.kicked().stream().anyMatch(k -> k.usernames().contains("alice")));
        testKit.stop(entity);
    }

    @Test
    void aNodeThatStartsLaterCatchesUp() throws Exception {
        DynamicSecurity first = file("a", "admin");
        ActorRef<DynsecEntity.Command> entity = entity(first);
        Node a = node(first, entity);
        a.send(createClient("alice"));
        Node late = node(file("late", "admin"), entity);
        assertTrue(late.knows("alice"));
        assertTrue(late.kicked().isEmpty(), "a starting node has nobody to disconnect");
        testKit.stop(entity);
    }

    @Test
    void failedRequestsAreAnsweredAndChangeNothing() throws Exception {
        DynamicSecurity first = file("a", "admin");
        ActorRef<DynsecEntity.Command> entity = entity(first);
        Node a = node(first, entity);
        String before = a.file();
        String answer = a.send("{\"command\":\"deleteClient\",\"username\":\"nobody\"}");
        assertNotNull(answer);
        assertTrue(answer.contains("\"error\""), answer);
        assertEquals(before, a.file());
        testKit.stop(entity);
    }

    @Test
    void theStateSurvivesTheEntityRestartingElsewhere() throws Exception {
        DynamicSecurity first = file("a", "admin");
        ActorRef<DynsecEntity.Command> entity = entity(first);
        Node a = node(first, entity);
        a.send(createClient("alice"));
        testKit.stop(entity);
        // started again on a node whose file never heard of alice: the journal wins over the file
        DynamicSecurity other = file("b", "otheradmin");
        ActorRef<DynsecEntity.Command> again = entity(other);
        Node b = node(other, again);
        assertTrue(b.knows("alice"));
        assertEquals(Set.of(), Set.copyOf(b.kicked()));
        testKit.stop(again);
    }

    @Test
    void theStateComesBackFromASnapshotAndTheChangesAfterIt() throws Exception {
        DynamicSecurity first = file("a", "admin");
        ActorRef<DynsecEntity.Command> entity = entity(first);
        Node a = node(first, entity);
        int clients = DynsecEntity.CHANGES_BETWEEN_SNAPSHOTS + 5;
        for (int i = 0; i < clients; i++) {
            a.send(createClient("c" + i));
        }
        testKit.stop(entity);
        DynamicSecurity other = file("b", "admin");
        ActorRef<DynsecEntity.Command> again = entity(other);
        Node b = node(other, again);
        for (int i = 0; i < clients; i++) {
            assertTrue(b.knows("c" + i), "c" + i);
        }
        assertTrue(SnapshotTestKit.create(testKit.system()).persistedInStorage(DynsecEntity.ENTITY_ID).size() > 0,
                "recovered from a snapshot");
        testKit.stop(again);
    }
}
