package io.starling.node;

import io.starling.config.ClusterConfig;
import io.starling.route.cluster.ClusterInbox;
import io.starling.route.cluster.ClusterMembership;
import io.starling.route.cluster.ClusterRouter;
import io.starling.route.cluster.RouteReplicator;
import io.starling.route.cluster.RouteView;
import io.starling.route.local.LocalRouter;
import io.starling.session.owner.ClusterOwnership;
import io.starling.session.owner.SessionOwner;
import io.starling.sys.Metrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's parts of a node, wired in the order they are needed: the route table's replicator
 * and the inbox for forwarded messages (under fixed names, so peers can reach them), the
 * membership watcher, then the wait until this node is a member and knows the other members' routes.
 * Only then may clients connect, or a SUBACK here could miss a route another node has not told yet.
 */
final class ClusterWiring {

    private static final Logger log = LoggerFactory.getLogger(ClusterWiring.class);

    /** How often a node still joining says so. */
    private static final Duration JOIN_PROGRESS = Duration.ofSeconds(10);
    /** The other members' routes normally arrive within a second or two. */
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

    private ClusterWiring() {
    }

    /** What the rest of the node uses of the cluster. */
    record Joined(ClusterRouter router, ClusterOwnership ownership) {
    }

    /** Joins the cluster (blocks until this node is Up and knows the others' routes). */
    static Joined join(ActorSystem system, ClusterConfig cluster, Metrics metrics) {
        String self = cluster.nodeAddress();
        LocalRouter local = new LocalRouter();
        RouteView view = new RouteView();
        ClusterRouter router = new ClusterRouter(self, local, view, lostNodes -> Adapter.spawn(system,
                RouteReplicator.create(self, view, lostNodes), ClusterMembership.REPLICATOR_NAME));
        ActorRef<RouteReplicator.Command> replicator = router.replicator();
        Adapter.spawn(system, ClusterInbox.create(router, metrics.clusterReceived), ClusterInbox.NAME);
        ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
        router.inboxes(node -> resolver.resolveActorRef(
                "pekko://" + system.name() + "@" + node + "/user/" + ClusterInbox.NAME));
        CompletableFuture<Void> selfUp = new CompletableFuture<>();
        Adapter.spawn(system, ClusterMembership.create(router, replicator, metrics.clusterForwarded, selfUp),
                "cluster-membership");
        log.info("Joining cluster '{}' as {} through seed nodes {}.", cluster.name(), self, cluster.seedNodes());
        awaitUp(system, selfUp, cluster);
        CompletableFuture<Void> synced = new CompletableFuture<>();
        replicator.tell(new RouteReplicator.AwaitSynced(synced));
        try {
            synced.get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Routes of some members not received within {}; starting anyway.", SYNC_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the cluster", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the cluster's routes: " + e.getCause(), e.getCause());
        }
        ClusterSharding sharding = ClusterSharding.get(Adapter.toTyped(system));
        sharding.init(Entity.of(SessionOwner.KEY, entity -> SessionOwner.create(entity.getEntityId())));
        log.info("Member of cluster '{}' as {}.", cluster.name(), self);
        return new Joined(router, new ClusterOwnership(sharding, self));
    }

    private static void awaitUp(ActorSystem system, CompletableFuture<Void> selfUp, ClusterConfig cluster) {
        while (true) {
            try {
                selfUp.get(JOIN_PROGRESS.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (system.whenTerminated().isCompleted()) {
                    throw new IllegalStateException("the node stopped while joining the cluster");
                }
                log.info("Still joining cluster '{}': waiting for seed nodes {}.", cluster.name(), cluster.seedNodes());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while joining the cluster", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot join the cluster: " + e.getCause(), e.getCause());
            }
        }
    }
}
