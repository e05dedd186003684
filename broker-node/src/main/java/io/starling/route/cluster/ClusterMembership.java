package io.starling.route.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Turns Pekko Cluster's membership events into what the route table and the links need: a node
 * that is up gets a {@link NodeLink} and joins the {@link RouteReplicator}'s peers; an unreachable
 * one is not waited for; a removed one loses its routes and its link.
 *
 * <p>Every node runs its replicator and inbox under the same names ({@link #REPLICATOR_NAME},
 * {@link ClusterInbox#NAME}), so a node's address is enough to reach them.
 */
public final class ClusterMembership {

    public static final String REPLICATOR_NAME = "routes";

    private ClusterMembership() {
    }

    /**
     * @param forwarded counts the messages the links to other nodes send
     * @param selfUp    completed once this node is an Up member of the cluster
     */
    public static Behavior<ClusterEvent.ClusterDomainEvent> create(ClusterRouter router,
            ActorRef<RouteReplicator.Command> replicator, LongAdder forwarded, CompletableFuture<Void> selfUp) {
        return Behaviors.setup(context -> {
            Cluster cluster = Cluster.get(context.getSystem());
            cluster.subscriptions().tell(Subscribe.create(context.getSelf(), ClusterEvent.ClusterDomainEvent.class));
            Address selfAddress = cluster.selfMember().address();
            String self = nodeName(selfAddress);
            return Behaviors.receive(ClusterEvent.ClusterDomainEvent.class)
                    .onMessage(ClusterEvent.MemberUp.class, up -> {
                        Member member = up.member();
                        if (member.address().equals(selfAddress)) {
                            selfUp.complete(null);
                        } else {
                            peerUp(context, router, replicator, forwarded, self, member.address());
                        }
                        return Behaviors.same();
                    })
                    .onMessage(ClusterEvent.MemberRemoved.class, removed -> {
                        String node = nodeName(removed.member().address());
                        // the link first: the routes are renamed after, and messages must find it under both names
                        router.nodeLost(node);
                        replicator.tell(new RouteReplicator.PeerRemoved(node));
                        return Behaviors.same();
                    })
                    .onMessage(ClusterEvent.UnreachableMember.class, event -> {
                        replicator.tell(new RouteReplicator.PeerReachability(nodeName(event.member().address()), false));
                        return Behaviors.same();
                    })
                    .onMessage(ClusterEvent.ReachableMember.class, event -> {
                        replicator.tell(new RouteReplicator.PeerReachability(nodeName(event.member().address()), true));
                        return Behaviors.same();
                    })
                    .onAnyMessage(other -> Behaviors.same())
                    .build();
        });
    }

    private static void peerUp(ActorContext<?> context, ClusterRouter router,
            ActorRef<RouteReplicator.Command> replicator, LongAdder forwarded, String self, Address address) {
        ActorRefResolver resolver = ActorRefResolver.get(context.getSystem());
        String node = nodeName(address);
        ActorRef<RouteReplicator.Command> peerReplicator =
                resolver.resolveActorRef(address + "/user/" + REPLICATOR_NAME);
        ActorRef<ClusterInbox.Command> inbox = resolver.resolveActorRef(address + "/user/" + ClusterInbox.NAME);
        router.linkUp(NodeLink.open(context, self, node, inbox, forwarded));
        replicator.tell(new RouteReplicator.PeerUp(node, peerReplicator));
    }

    /** A node's name in the route table and in $SYS: "host:port" of its cluster address. */
    public static String nodeName(Address address) {
        return address.host().get() + ":" + address.port().get();
    }
}
