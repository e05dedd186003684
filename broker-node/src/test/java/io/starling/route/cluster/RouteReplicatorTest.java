package io.starling.route.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The route table's replication between nodes, with every node's replicator in one actor system:
 * the peers are wired by hand, as {@link ClusterMembership} wires them from membership events.
 */
class RouteReplicatorTest {

    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** One node's replicator and the view it fills. */
    private record Node(String name, ActorRef<RouteReplicator.Command> replicator, RouteView view) {

        static Node start(String name) {
            RouteView view = new RouteView();
            return new Node(name, testKit.spawn(RouteReplicator.create(name, view)), view);
        }

        void meet(Node other) {
            replicator.tell(new RouteReplicator.PeerUp(other.name, other.replicator));
            other.replicator.tell(new RouteReplicator.PeerUp(name, replicator));
        }

        void change(long version, boolean added, String filter) {
            replicator.tell(new RouteReplicator.Changed(version, new RouteChange(added, filter)));
        }

        CompletableFuture<Void> replicated(long version) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            replicator.tell(new RouteReplicator.AwaitReplicated(version, done));
            return done;
        }

        void awaitReplicated(long version) throws Exception {
            replicated(version).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        void awaitSynced() throws Exception {
            CompletableFuture<Void> done = new CompletableFuture<>();
            replicator.tell(new RouteReplicator.AwaitSynced(done));
            done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static List<Node> cluster(String prefix, int size) throws Exception {
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            Node node = Node.start(prefix + i);
            nodes.forEach(node::meet);
            nodes.add(node);
        }
        for (Node node : nodes) {
            node.awaitSynced();
        }
        return nodes;
    }

    @Test
    void routeIsInEveryOtherViewOnceItsVersionIsReplicated() throws Exception {
        List<Node> nodes = cluster("a", 3);
        Node a = nodes.get(0);
        a.change(1, true, "sensors/+/temperature");
        a.change(2, true, "$share/workers/jobs/#");
        a.awaitReplicated(2);
        for (Node other : nodes.subList(1, 3)) {
            assertTrue(other.view().contains("a1", "sensors/+/temperature"), other.name());
            assertTrue(other.view().contains("a1", "$share/workers/jobs/#"), other.name());
        }
        assertTrue(a.view().isEmpty(), "a node's own routes are not in its view of the others");
    }

    @Test
    void routeAddedAndRemovedInOneBatchEndsRemoved() throws Exception {
        List<Node> nodes = cluster("b", 2);
        Node b = nodes.get(0);
        b.change(1, true, "x/y");
        b.change(2, false, "x/y");
        b.change(3, true, "x/z");
        b.awaitReplicated(3);
        RouteView other = nodes.get(1).view();
        assertFalse(other.contains("b1", "x/y"));
        assertTrue(other.contains("b1", "x/z"));
        assertEquals(1, other.size());
    }

    @Test
    void nodeThatJoinsLaterReceivesTheWholePartitionInChunks() throws Exception {
        Node first = Node.start("c1");
        int routes = 30_000; // about 1 MB of filters: several chunks
        for (int i = 1; i <= routes; i++) {
            first.change(i, true, "devices/" + String.format("%08d", i) + "/commands/#");
        }
        Node late = Node.start("c2");
        late.meet(first);
        late.awaitSynced();
        assertEquals(routes, late.view().size());
        assertTrue(late.view().contains("c1", "devices/00012345/commands/#"));
        first.awaitReplicated(routes);
    }

    @Test
    void burstOfChangesLargerThanAMessageOrTheLogReachesAConnectedPeer() throws Exception {
        List<Node> nodes = cluster("k", 2);
        Node busy = nodes.get(0);
        int routes = 25_000; // more than OwnRoutes keeps, and far more than one Delta may carry
        for (int i = 1; i <= routes; i++) {
            busy.change(i, true, "fleet/" + String.format("%08d", i) + "/telemetry/#");
        }
        busy.awaitReplicated(routes);
        assertEquals(routes, nodes.get(1).view().size());
    }

    @Test
    void lostNodesRoutesStayUntilItsSessionsAreAdoptedAndItIsNotWaitedFor() throws Exception {
        List<Node> nodes = cluster("d", 2);
        List<String> dropped = new CopyOnWriteArrayList<>();
        RouteView view = new RouteView();
        Node watcher = new Node("d3", testKit.spawn(RouteReplicator.create("d3", view,
                (lost, adopter) -> dropped.add(lost + " -> " + adopter))), view);
        nodes.forEach(watcher::meet);
        watcher.awaitSynced();
        Node lost = nodes.get(1);
        lost.change(1, true, "gone/soon");
        lost.awaitReplicated(1);
        testKit.stop(lost.replicator());
        watcher.replicator().tell(new RouteReplicator.PeerRemoved("d2"));
        nodes.get(0).replicator().tell(new RouteReplicator.PeerRemoved("d2"));

        watcher.change(1, true, "still/here");
        watcher.awaitReplicated(1); // the lost node is not waited for
        assertFalse(view.contains("d2", "gone/soon"));
        assertTrue(view.contains(LostNodes.lostName("d2"), "gone/soon"), "kept under the lost name");

        watcher.replicator().tell(new RouteReplicator.Adopted("d2", "d1"));
        await().atMost(WAIT).until(() -> dropped.equals(List.of("d2 -> d1")));
        assertFalse(view.contains(LostNodes.lostName("d2"), "gone/soon"));
        assertTrue(nodes.get(0).view().contains("d3", "still/here"));
    }

    @Test
    void adoptionAnnouncedBeforeTheNodeIsSeenLeavingDropsItsRoutesWhenItLeaves() throws Exception {
        List<String> dropped = new CopyOnWriteArrayList<>();
        RouteView view = new RouteView();
        Node watcher = new Node("h1", testKit.spawn(RouteReplicator.create("h1", view,
                (lost, adopter) -> dropped.add(lost + " -> " + adopter))), view);
        Node leaving = Node.start("h2");
        watcher.meet(leaving);
        watcher.awaitSynced();
        leaving.change(1, true, "t/x");
        leaving.awaitReplicated(1);
        watcher.replicator().tell(new RouteReplicator.Adopted("h2", "h3"));
        watcher.replicator().tell(new RouteReplicator.PeerRemoved("h2"));
        await().atMost(WAIT).until(() -> dropped.equals(List.of("h2 -> h3")));
        assertTrue(view.isEmpty());
    }

    @Test
    void unreachablePeerIsNotWaitedForUntilItIsReachableAgain() throws Exception {
        Node node = Node.start("e1");
        TestProbe<RouteReplicator.Command> silent = testKit.createTestProbe();
        node.replicator().tell(new RouteReplicator.PeerUp("e2", silent.getRef()));
        node.change(1, true, "t");
        CompletableFuture<Void> replicated = node.replicated(1);
        silent.expectMessageClass(RouteReplicator.Beacon.class);
        assertFalse(isDoneWithin(replicated, Duration.ofMillis(300)), "waits for a reachable peer");
        node.replicator().tell(new RouteReplicator.PeerReachability("e2", false));
        replicated.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void lostDeltaIsMadeUpAfterTheNextBeacon() throws Exception {
        Node sender = Node.start("f1");
        Node receiver = Node.start("f2");
        // the receiver hears the sender only through a relay that drops the first delta
        ActorRef<RouteReplicator.Command> relay = testKit.spawn(droppingFirstDelta(receiver.replicator()));
        receiver.replicator().tell(new RouteReplicator.PeerUp("f1", sender.replicator()));
        sender.replicator().tell(new RouteReplicator.PeerUp("f2", relay));
        receiver.awaitSynced();
        sender.awaitReplicated(0);
        sender.change(1, true, "lost/once");
        sender.awaitReplicated(1); // within a beacon interval or two, not never
        assertTrue(receiver.view().contains("f1", "lost/once"));
    }

    @Test
    void restartedNodesOldRoutesAreReplacedByItsNewOnes() throws Exception {
        List<Node> nodes = cluster("g", 2);
        Node stays = nodes.get(0);
        Node restarts = nodes.get(1);
        restarts.change(1, true, "old/route");
        restarts.awaitReplicated(1);
        testKit.stop(restarts.replicator());
        Node again = Node.start("g2");
        again.meet(stays);
        again.change(1, true, "new/route");
        again.awaitReplicated(1);
        assertTrue(stays.view().contains("g2", "new/route"));
        assertFalse(stays.view().contains("g2", "old/route"), "a new incarnation brings a new partition");
    }

    private static Behavior<RouteReplicator.Command> droppingFirstDelta(ActorRef<RouteReplicator.Command> target) {
        boolean[] dropped = {false};
        return Behaviors.receiveMessage(message -> {
            if (message instanceof RouteReplicator.Delta && !dropped[0]) {
                dropped[0] = true;
            } else {
                target.tell(message);
            }
            return Behaviors.same();
        });
    }

    private static boolean isDoneWithin(CompletableFuture<Void> future, Duration wait) {
        try {
            future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
