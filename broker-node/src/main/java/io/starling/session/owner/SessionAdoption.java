package io.starling.session.owner;

import io.starling.route.Router;
import io.starling.route.cluster.ClusterMembership;
import io.starling.route.cluster.RouteReplicator;
import io.starling.session.SessionRecovery;
import io.starling.session.SessionRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings back the persistent sessions of a lost node, so that they go on receiving what their
 * subscriptions match while their clients reconnect (to any node, which then takes them over).
 * The oldest member does it: it reads every session recorded in the shared journal that no live
 * node holds ({@link SessionRecovery#adopt}), waits until their routes reach every node, and then
 * tells every node ({@link RouteReplicator.Adopted}) to drop the lost node's routes and send what
 * was on its way there to this node instead. The same runs when a cluster starts, on its first
 * node, for the sessions recorded before the restart.
 */
public final class SessionAdoption {

    private static final Logger log = LoggerFactory.getLogger(SessionAdoption.class);

    /** Reading many sessions back may take a while; the lost node's routes wait that long at most. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private SessionAdoption() {
    }

    /** Watches for lost members; {@code self} is this node's name ("host:port"). */
    public static Behavior<ClusterEvent.MemberRemoved> create(String self, SessionRegistry registry,
            ClusterOwnership ownership, Router router) {
        return Behaviors.setup(context -> {
            ActorSystem<?> system = context.getSystem();
            Cluster.get(system).subscriptions().tell(Subscribe.create(context.getSelf(), ClusterEvent.MemberRemoved.class));
            Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
            return Behaviors.receiveMessage(removed -> {
                String lost = ClusterMembership.nodeName(removed.member().address());
                if (isOldest(system)) {
                    CompletableFuture.runAsync(() -> adoptAndAnnounce(system, registry, ownership, router, self, lost),
                            blocking);
                }
                return Behaviors.same();
            });
        });
    }

    /** At start, on the cluster's oldest member only: the sessions recorded before the cluster stopped. */
    public static void atStart(ActorSystem<?> system, SessionRegistry registry, ClusterOwnership ownership) {
        if (isOldest(system)) {
            adopt(system, registry, ownership);
        }
    }

    private static void adoptAndAnnounce(ActorSystem<?> system, SessionRegistry registry, ClusterOwnership ownership,
            Router router, String self, String lost) {
        adopt(system, registry, ownership);
        router.subscriptionsVisible().whenComplete((ok, failure) -> {
            ActorRefResolver resolver = ActorRefResolver.get(system);
            RouteReplicator.Adopted adopted = new RouteReplicator.Adopted(lost, self);
            for (Member member : Cluster.get(system).state().getMembers()) {
                ActorRef<RouteReplicator.Command> replicator = resolver.resolveActorRef(
                        member.address() + "/user/" + ClusterMembership.REPLICATOR_NAME);
                replicator.tell(adopted);
            }
        });
    }

    private static void adopt(ActorSystem<?> system, SessionRegistry registry, ClusterOwnership ownership) {
        try {
            int adopted = SessionRecovery.adopt(system, registry, ownership::adopt, TIMEOUT);
            log.info("Adopted {} persistent sessions that no node held.", adopted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("Cannot adopt the sessions of lost nodes: {}", e.toString());
        }
    }

    /** Whether this node is the oldest member that is up: the one that adopts. */
    static boolean isOldest(ActorSystem<?> system) {
        Cluster cluster = Cluster.get(system);
        Member self = cluster.selfMember();
        for (Member member : cluster.state().getMembers()) {
            if (member.status() == MemberStatus.up() && !member.equals(self) && member.isOlderThan(self)) {
                return false;
            }
        }
        return self.status() == MemberStatus.up();
    }
}
