package io.starling.route.cluster;

import io.starling.mqtt.Message;
import io.starling.mqtt.SubscriptionOptions;
import io.starling.mqtt.TopicFilter;
import io.starling.route.PendingAck;
import io.starling.route.Router;
import io.starling.route.Subscriber;
import io.starling.route.flow.Throttle;
import io.starling.route.local.LocalRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router of a clustered node: this node's subscribers in a {@link LocalRouter}, the other
 * nodes' in the {@link RouteView} the {@link RouteReplicator} keeps. A PUBLISH goes to the local
 * subscribers at once and, through one {@link NodeLink} per node, to each other node that has a
 * matching route, once, whatever the number of subscribers there; that node fans it out.
 *
 * <p>Routes are per (filter, node): this node tells the cluster about a filter when its first
 * local subscriber comes and when its last one goes, not for every subscriber.
 *
 * <p>A shared group may have members on several nodes: each message goes to one node holding the
 * group, in turn (this node counts as one of them), and there to one member.
 */
public final class ClusterRouter implements Router, LostNodes {

    private static final Logger log = LoggerFactory.getLogger(ClusterRouter.class);

    /** A SUBACK does not wait longer than this for the other nodes' acknowledgements. */
    static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(10);

    private final String self;
    private final LocalRouter local;
    private final RouteView view;
    private final ActorRef<RouteReplicator.Command> replicator;
    /** Local subscribers per route (filter text): a route exists while its count is above 0. */
    private final Map<String, Integer> routeCounts = new HashMap<>();
    private final ConcurrentHashMap<String, NodeLink> links = new ConcurrentHashMap<>();
    /** Turns of the shared groups that span nodes, by {@code $share/group/filter}. */
    private final ConcurrentHashMap<String, int[]> groupTurns = new ConcurrentHashMap<>();
    private long version;
    private volatile long visibleVersion;
    private final AtomicLong nextMarker = new AtomicLong();
    private final ConcurrentHashMap<Long, CompletableFuture<Void>> pendingMarkers = new ConcurrentHashMap<>();
    /** The inbox of another node, by its name. */
    private volatile Function<String, ActorRef<ClusterInbox.Command>> inboxOf = node -> null;

    /**
     * @param self       this node's name ("host:port")
     * @param replicator starts this node's {@link RouteReplicator}, which tells this router (as
     *                   {@link LostNodes}) when a lost node's routes go
     */
    public ClusterRouter(String self, LocalRouter local, RouteView view,
            Function<LostNodes, ActorRef<RouteReplicator.Command>> replicator) {
        this.self = self;
        this.local = local;
        this.view = view;
        this.replicator = replicator.apply(this);
    }

    public LocalRouter local() {
        return local;
    }

    public RouteView view() {
        return view;
    }

    /** This node's route replicator, which $SYS asks for the route table's figures. */
    public ActorRef<RouteReplicator.Command> replicator() {
        return replicator;
    }

    /** How to reach another node's inbox (set by the membership watcher, which resolves them). */
    public void inboxes(Function<String, ActorRef<ClusterInbox.Command>> inboxOf) {
        this.inboxOf = inboxOf;
    }

    /** Messages for {@code link}'s node go through it from now on. */
    public void linkUp(NodeLink link) {
        NodeLink old = links.put(link.node(), link);
        if (old != null && old != links.get(LostNodes.lostName(link.node()))) {
            old.close(); // (a lost node's link is kept until its sessions are adopted)
        }
    }

    /**
     * {@code node} left the cluster: its link keeps what is sent to it, under its name and its
     * lost name (which its routes take in the view), until {@link #routesDropped}.
     */
    public void nodeLost(String node) {
        NodeLink link = links.get(node);
        if (link == null) {
            return;
        }
        link.park();
        NodeLink earlier = links.put(LostNodes.lostName(node), link);
        if (earlier != null && earlier != link) {
            earlier.close();
        }
    }

    /**
     * The lost node's routes are gone: what its link kept is published again, through the routes
     * there are now (the adopted sessions', or those of clients that reconnected elsewhere).
     * Subscribers that had it already may get it twice, as QoS 1 allows; this node's are among them.
     */
    @Override
    public void routesDropped(String lost, String adopter) {
        NodeLink link = links.remove(LostNodes.lostName(lost));
        if (link == null) {
            return;
        }
        links.remove(lost, link);
        link.rerouteTo((forwarded, ack) ->
                publish(forwarded.message(), forwarded.recorded() ? ack : PendingAck.NONE, Throttle.NONE));
    }

    @Override
    public synchronized boolean subscribe(Subscriber subscriber, TopicFilter filter, SubscriptionOptions options) {
        boolean added = local.subscribe(subscriber, filter, options);
        if (added && routeCounts.merge(filter.text(), 1, Integer::sum) == 1) {
            changed(new RouteChange(true, filter.text()));
        }
        return added;
    }

    @Override
    public synchronized boolean unsubscribe(Subscriber subscriber, TopicFilter filter) {
        boolean removed = local.unsubscribe(subscriber, filter);
        if (removed && routeCounts.merge(filter.text(), -1, Integer::sum) == 0) {
            routeCounts.remove(filter.text());
            changed(new RouteChange(false, filter.text()));
        }
        return removed;
    }

    /** Told under this object's monitor, so the replicator receives the changes in version order. */
    private void changed(RouteChange change) {
        version++;
        replicator.tell(new RouteReplicator.Changed(version, change));
    }

    @Override
    public CompletionStage<Void> subscriptionsVisible() {
        long wanted;
        synchronized (this) {
            wanted = version;
        }
        if (wanted <= visibleVersion) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        replicator.tell(new RouteReplicator.AwaitReplicated(wanted, done));
        return done.thenRun(() -> advanceVisible(wanted))
                .completeOnTimeout(null, VISIBLE_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .whenComplete((ok, failure) -> {
                    if (!done.isDone()) {
                        log.warn("Subscription not confirmed by every node within {}; answering anyway.",
                                VISIBLE_TIMEOUT);
                    }
                });
    }

    private synchronized void advanceVisible(long reached) {
        if (reached > visibleVersion) {
            visibleVersion = reached;
        }
    }

    @Override
    public int publish(Message message, PendingAck ack, Throttle publisher) {
        if (view.isEmpty()) {
            return local.publish(message, ack, publisher);
        }
        Destinations destinations = new Destinations();
        view.matchNodes(message.topic(), destinations::direct);
        view.matchShared(message.topic(), destinations::remoteGroup);
        if (destinations.groups != null) {
            local.matchGroups(message.topic(), destinations::localGroup);
            destinations.chooseGroupNodes(groupTurns);
        }
        int count = local.publish(message, ack, publisher, true, destinations::takesLocally);
        if (destinations.nodes != null) {
            for (Map.Entry<String, Destination> entry : destinations.nodes.entrySet()) {
                NodeLink link = links.get(entry.getKey());
                if (link != null) {
                    Destination destination = entry.getValue();
                    link.forward(message, destination.direct, destination.groups, ack, publisher);
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Completes once everything the other nodes had forwarded to this node before the call has
     * arrived here: each is asked to send a marker through its link to this node, behind whatever
     * it queued before (a node that does not answer within {@link #VISIBLE_TIMEOUT} is not waited for).
     */
    @Override
    public CompletionStage<Void> inFlightDelivered() {
        List<CompletableFuture<Void>> markers = new ArrayList<>();
        for (Map.Entry<String, NodeLink> entry : links.entrySet()) {
            String node = entry.getKey();
            if (node.endsWith(LostNodes.lostName("")) || links.get(LostNodes.lostName(node)) == entry.getValue()) {
                continue; // a lost node sends nothing more
            }
            long id = nextMarker.incrementAndGet();
            CompletableFuture<Void> arrived = new CompletableFuture<>();
            pendingMarkers.put(id, arrived);
            inboxOf.apply(node).tell(new ClusterInbox.MarkerRequest(self, id));
            markers.add(arrived.completeOnTimeout(null, VISIBLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ok, failure) -> pendingMarkers.remove(id)));
        }
        return CompletableFuture.allOf(markers.toArray(CompletableFuture[]::new));
    }

    /** Another node asked for a marker through this node's link to it. */
    void sendMarker(String node, long id) {
        NodeLink link = links.get(node);
        if (link != null) {
            link.sendMarker(id);
        }
    }

    void markerArrived(long id) {
        CompletableFuture<Void> arrived = pendingMarkers.remove(id);
        if (arrived != null) {
            arrived.complete(null);
        }
    }

    @Override
    public int subscriptionCount() {
        return local.subscriptionCount();
    }

    /** What one other node gets of a message. */
    private static final class Destination {
        boolean direct;
        List<String> groups = List.of();
    }

    /** The nodes and shared groups one message goes to. */
    private static final class Destinations {
        Map<String, Destination> nodes;
        /** Per {@code $share/group/filter}: the nodes holding it, this node as null. */
        Map<String, List<String>> groups;
        /** The groups this node takes, as {@code $share/group/filter}. */
        List<String> localTakes;

        void direct(String node) {
            destination(node).direct = true;
        }

        void remoteGroup(String filter, String group, String node) {
            groupNodes(filter, group).add(node);
        }

        void localGroup(String filter, String group) {
            groupNodes(filter, group).add(0, null);
        }

        private List<String> groupNodes(String filter, String group) {
            if (groups == null) {
                groups = new HashMap<>();
            }
            return groups.computeIfAbsent(new TopicFilter(filter, group).text(), k -> new ArrayList<>(2));
        }

        void chooseGroupNodes(ConcurrentHashMap<String, int[]> turns) {
            for (Map.Entry<String, List<String>> entry : groups.entrySet()) {
                List<String> holders = entry.getValue();
                if (holders.size() > 1) {
                    holders.subList(holders.get(0) == null ? 1 : 0, holders.size()).sort(null);
                }
                int[] turn = turns.computeIfAbsent(entry.getKey(), k -> new int[1]);
                int index;
                synchronized (turn) {
                    index = Math.floorMod(turn[0]++, holders.size());
                }
                String chosen = holders.get(index);
                if (chosen == null) {
                    if (localTakes == null) {
                        localTakes = new ArrayList<>(1);
                    }
                    localTakes.add(entry.getKey());
                } else {
                    Destination destination = destination(chosen);
                    if (destination.groups.isEmpty()) {
                        destination.groups = new ArrayList<>(1);
                    }
                    destination.groups.add(entry.getKey());
                }
            }
        }

        /** Without remote holders, every local group takes its message. */
        boolean takesLocally(String filter, String group) {
            return groups == null || (localTakes != null && localTakes.contains(new TopicFilter(filter, group).text()));
        }

        private Destination destination(String node) {
            if (nodes == null) {
                nodes = new HashMap<>(4);
            }
            return nodes.computeIfAbsent(node, n -> new Destination());
        }
    }
}
