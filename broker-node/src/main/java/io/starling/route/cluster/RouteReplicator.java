package io.starling.route.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the cluster route table: this node's partition ({@link OwnRoutes}, the filters its sessions
 * subscribe to) goes to every peer, and every peer's partition comes into this node's
 * {@link RouteView}, which publishers read. One per node.
 *
 * <p>How a change travels: the {@link ClusterRouter} numbers it and tells it here; changes that
 * arrive together go out as one {@link Delta} to every peer; a peer applies a delta only if it
 * follows the version it has, and acknowledges the version it reached. A peer that missed
 * something (a lost message, a restart of either side: each start is a new incarnation) asks
 * for a sync and gets the missing changes or, when they are too old, the whole partition in
 * chunks. A {@link Beacon} every second tells each peer the latest version, so nothing lost stays
 * lost for longer than that.
 *
 * <p>{@link AwaitReplicated} is how a SUBACK keeps its promise: it completes once every reachable
 * peer has acknowledged the version, so a publish that starts afterwards on any node sees the route.
 */
public final class RouteReplicator extends AbstractBehavior<RouteReplicator.Command> {

    private static final Logger log = LoggerFactory.getLogger(RouteReplicator.class);

    public interface Command {
    }

    // ---- from this node

    /** This node's routes changed; told in version order (see ClusterRouter). */
    public record Changed(long version, RouteChange change) implements Command {
    }

    /** Completes {@code done} once every reachable peer has this node's routes up to {@code version}. */
    public record AwaitReplicated(long version, CompletableFuture<Void> done) implements Command {
    }

    /** Completes {@code done} once this node has the routes of every peer it knows. */
    public record AwaitSynced(CompletableFuture<Void> done) implements Command {
    }

    /** A peer node is up; {@code replicator} is its route replicator. */
    public record PeerUp(String node, ActorRef<Command> replicator) implements Command {
    }

    /** A peer became unreachable (its acknowledgements are not waited for) or reachable again. */
    public record PeerReachability(String node, boolean reachable) implements Command {
    }

    /** A peer left the cluster or was downed: its routes are removed. */
    public record PeerRemoved(String node) implements Command {
    }

    /**
     * The sessions of the lost node {@code lost} are back on {@code adopter}, routed: the lost
     * node's routes go, and what was on its way there goes to the adopter (see
     * {@link LostNodes}). Sent by the adopting node to every node.
     */
    public record Adopted(String lost, String adopter) implements Command, ClusterMessage {
    }

    /** Replies with the route table's figures, for $SYS and {@code starling-ctrl cluster status}. */
    public record GetStatus(ActorRef<Status> replyTo) implements Command {
    }

    /**
     * @param ownRoutes this node's routes
     * @param peers     per peer node: its routes known here, or -1 while not yet synced
     */
    public record Status(long version, int ownRoutes, Map<String, Integer> peers) {
    }

    // ---- between nodes

    /** The changes of {@code node}'s partition from {@code afterVersion} to {@code version}. */
    public record Delta(String node, ActorRef<Command> from, long incarnation, long afterVersion, long version,
            List<RouteChange> changes) implements Command, ClusterMessage {
    }

    /** {@code node} has the receiver's partition of {@code incarnation} up to {@code version}. */
    public record Ack(String node, long incarnation, long version) implements Command, ClusterMessage {
    }

    /** {@code node} has the receiver's partition of {@code incarnation} up to {@code knownVersion}. */
    public record SyncRequest(String node, ActorRef<Command> from, long incarnation, long knownVersion)
            implements Command, ClusterMessage {
    }

    /** Part {@code index} of the whole partition of {@code node} at {@code version}. */
    public record SnapshotChunk(String node, ActorRef<Command> from, long incarnation, long version, int index,
            List<String> filters, boolean last) implements Command, ClusterMessage {
    }

    /** {@code node}'s partition has reached {@code version}. */
    public record Beacon(String node, ActorRef<Command> from, long incarnation, long version)
            implements Command, ClusterMessage {
    }

    private record Flush() implements Command {
    }

    private record Tick() implements Command {
    }

    /** A lost node's routes stay at most this long when no adoption is announced. */
    static final Duration LOST_ROUTES_TIMEOUT = Duration.ofSeconds(150);

    /** How often peers hear this node's version. */
    static final Duration BEACON_INTERVAL = Duration.ofSeconds(1);
    /** A sync is asked for again if nothing came of it after this. */
    private static final long SYNC_RETRY_NANOS = Duration.ofMillis(500).toNanos();
    /** A snapshot still sending chunks is not asked for again unless none came for this long. */
    private static final long SNAPSHOT_QUIET_NANOS = Duration.ofSeconds(2).toNanos();
    /** A snapshot chunk stays well below Artery's frame size (node/cluster.conf). */
    static final int CHUNK_BYTES = 256 * 1024;

    /** A peer as this node's partition sees it. */
    private static final class Peer {
        ActorRef<Command> replicator;
        boolean reachable = true;
        /** Highest version of this node's partition the peer acknowledged. */
        long acked;
        /** Version up to which changes were sent to it. */
        long sent = -1;
        long lastSyncRequest = System.nanoTime() - SYNC_RETRY_NANOS;

        Peer(ActorRef<Command> replicator) {
            this.replicator = replicator;
        }
    }

    private final String self;
    private final long incarnation = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private final RouteView view;
    private final OwnRoutes own = new OwnRoutes();
    private final Map<String, Peer> peers = new HashMap<>();
    private final Map<String, PeerPartition> partitions = new HashMap<>();
    /** Lost nodes' routes, under {@link LostNodes#lostName}, with when the node was lost. */
    private final Map<String, PeerPartition> lostPartitions = new HashMap<>();
    private final Map<String, Long> lostSince = new HashMap<>();
    /**
     * Adoptions announced before this node saw the node leave (the adopter saw it first): by
     * lost node, the adopter and when it was announced.
     */
    private final Map<String, Map.Entry<String, Long>> adoptedEarly = new HashMap<>();
    /** An early announcement is forgotten after this, so it cannot match a later start of that node. */
    static final Duration EARLY_ADOPTION_KEPT = Duration.ofSeconds(60);
    private final LostNodes lostNodes;
    private final TreeMap<Long, List<CompletableFuture<Void>>> replicatedWaiters = new TreeMap<>();
    private final List<CompletableFuture<Void>> syncedWaiters = new ArrayList<>();
    private long flushed;
    private boolean flushScheduled;

    /**
     * @param self this node's name in the route table ("host:port" of its cluster address)
     * @param view where the peers' routes go; publishers read it
     */
    public static Behavior<Command> create(String self, RouteView view) {
        return create(self, view, LostNodes.NONE);
    }

    /** @param lostNodes told when a lost node's routes finally go */
    public static Behavior<Command> create(String self, RouteView view, LostNodes lostNodes) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(new Tick(), BEACON_INTERVAL);
            return new RouteReplicator(context, self, view, lostNodes);
        }));
    }

    private RouteReplicator(ActorContext<Command> context, String self, RouteView view, LostNodes lostNodes) {
        super(context);
        this.self = self;
        this.view = view;
        this.lostNodes = lostNodes;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Changed.class, this::onChanged)
                .onMessage(Flush.class, flush -> onFlush())
                .onMessage(AwaitReplicated.class, this::onAwaitReplicated)
                .onMessage(AwaitSynced.class, this::onAwaitSynced)
                .onMessage(PeerUp.class, this::onPeerUp)
                .onMessage(PeerReachability.class, this::onPeerReachability)
                .onMessage(PeerRemoved.class, this::onPeerRemoved)
                .onMessage(Delta.class, this::onDelta)
                .onMessage(Ack.class, this::onAck)
                .onMessage(SyncRequest.class, this::onSyncRequest)
                .onMessage(SnapshotChunk.class, this::onSnapshotChunk)
                .onMessage(Beacon.class, this::onBeacon)
                .onMessage(Tick.class, tick -> onTick())
                .onMessage(Adopted.class, this::onAdopted)
                .onMessage(GetStatus.class, this::onGetStatus)
                .build();
    }

    // ---- this node's partition

    private Behavior<Command> onChanged(Changed changed) {
        own.apply(changed.version(), changed.change());
        if (!flushScheduled) {
            // changes already in the mailbox come before the Flush: they all go in one Delta
            flushScheduled = true;
            getContext().getSelf().tell(new Flush());
        }
        return this;
    }

    private Behavior<Command> onFlush() {
        flushScheduled = false;
        if (own.version() == flushed) {
            return this;
        }
        List<RouteChange> changes = own.changesAfter(flushed);
        for (Peer peer : peers.values()) {
            if (peer.sent != flushed) {
                continue; // a peer that is behind gets everything in one go when it asks (its next Beacon)
            }
            if (changes == null) {
                sendSnapshot(peer.replicator); // more changes than the log keeps: the whole partition
            } else {
                sendDeltas(peer.replicator, flushed, changes);
            }
            peer.sent = own.version();
        }
        flushed = own.version();
        return this;
    }

    /** The changes after {@code after}, in deltas that each stay below a chunk's size. */
    private void sendDeltas(ActorRef<Command> to, long after, List<RouteChange> changes) {
        int from = 0;
        int bytes = 0;
        for (int i = 0; i < changes.size(); i++) {
            int size = changes.get(i).filter().length() + 16;
            if (bytes + size > CHUNK_BYTES && i > from) {
                to.tell(new Delta(self, getContext().getSelf(), incarnation, after + from, after + i,
                        List.copyOf(changes.subList(from, i))));
                from = i;
                bytes = 0;
            }
            bytes += size;
        }
        to.tell(new Delta(self, getContext().getSelf(), incarnation, after + from, after + changes.size(),
                List.copyOf(changes.subList(from, changes.size()))));
    }

    private Behavior<Command> onAwaitReplicated(AwaitReplicated await) {
        replicatedWaiters.computeIfAbsent(await.version(), v -> new ArrayList<>(1)).add(await.done());
        completeReplicatedWaiters();
        return this;
    }

    private Behavior<Command> onAck(Ack ack) {
        Peer peer = peers.get(ack.node());
        if (peer != null && ack.incarnation() == incarnation && ack.version() > peer.acked) {
            peer.acked = ack.version();
            completeReplicatedWaiters();
        }
        return this;
    }

    private Behavior<Command> onSyncRequest(SyncRequest request) {
        Peer peer = peer(request.node(), request.from());
        List<RouteChange> changes =
                request.incarnation() == incarnation ? own.changesAfter(request.knownVersion()) : null;
        if (changes != null) {
            sendDeltas(peer.replicator, request.knownVersion(), changes);
        } else {
            sendSnapshot(peer.replicator);
        }
        peer.sent = own.version();
        return this;
    }

    private void sendSnapshot(ActorRef<Command> to) {
        List<String> chunk = new ArrayList<>();
        int bytes = 0;
        int index = 0;
        for (String filter : own.filters()) {
            if (bytes + filter.length() > CHUNK_BYTES && !chunk.isEmpty()) {
                to.tell(new SnapshotChunk(self, getContext().getSelf(), incarnation, own.version(), index++, chunk,
                        false));
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(filter);
            bytes += filter.length() + 8;
        }
        to.tell(new SnapshotChunk(self, getContext().getSelf(), incarnation, own.version(), index, chunk, true));
    }

    private void completeReplicatedWaiters() {
        long reached = Long.MAX_VALUE;
        for (Peer peer : peers.values()) {
            if (peer.reachable) {
                reached = Math.min(reached, peer.acked);
            }
        }
        Iterator<Map.Entry<Long, List<CompletableFuture<Void>>>> waiting =
                replicatedWaiters.headMap(reached, true).entrySet().iterator();
        while (waiting.hasNext()) {
            waiting.next().getValue().forEach(done -> done.complete(null));
            waiting.remove();
        }
    }

    // ---- the peers' partitions

    private Behavior<Command> onDelta(Delta delta) {
        peer(delta.node(), delta.from());
        PeerPartition partition = partition(delta.node());
        if (partition.applyDelta(delta.incarnation(), delta.afterVersion(), delta.version(), delta.changes())) {
            delta.from().tell(new Ack(self, delta.incarnation(), partition.version()));
        } else {
            requestSync(delta.node());
        }
        return this;
    }

    private Behavior<Command> onSnapshotChunk(SnapshotChunk chunk) {
        peer(chunk.node(), chunk.from());
        PeerPartition partition = partition(chunk.node());
        boolean wasSynced = partition.synced();
        if (partition.applyChunk(chunk.incarnation(), chunk.version(), chunk.index(), chunk.filters(), chunk.last())) {
            chunk.from().tell(new Ack(self, chunk.incarnation(), partition.version()));
            if (!wasSynced) {
                log.info("Routes of node {}: {} filters.", chunk.node(), partition.size());
            }
            completeSyncedWaiters();
        }
        return this;
    }

    private Behavior<Command> onBeacon(Beacon beacon) {
        peer(beacon.node(), beacon.from());
        PeerPartition partition = partition(beacon.node());
        if (partition.synced() && partition.incarnation() == beacon.incarnation()
                && partition.version() >= beacon.version()) {
            // repeats the acknowledgement, in case the last one was lost
            beacon.from().tell(new Ack(self, beacon.incarnation(), partition.version()));
        } else {
            requestSync(beacon.node());
        }
        return this;
    }

    private void requestSync(String node) {
        Peer peer = peers.get(node);
        long now = System.nanoTime();
        if (peer == null || now - peer.lastSyncRequest < SYNC_RETRY_NANOS
                || partition(node).receivingSince(now - SNAPSHOT_QUIET_NANOS)) {
            return; // asked just now, or the answer is arriving: a large snapshot takes a while
        }
        peer.lastSyncRequest = now;
        PeerPartition partition = partition(node);
        long known = partition.synced() ? partition.version() : -1;
        peer.replicator.tell(new SyncRequest(self, getContext().getSelf(), partition.incarnation(), known));
    }

    private Behavior<Command> onAwaitSynced(AwaitSynced await) {
        syncedWaiters.add(await.done());
        completeSyncedWaiters();
        return this;
    }

    private void completeSyncedWaiters() {
        if (syncedWaiters.isEmpty()) {
            return;
        }
        for (String node : peers.keySet()) {
            if (!partition(node).synced()) {
                return;
            }
        }
        syncedWaiters.forEach(done -> done.complete(null));
        syncedWaiters.clear();
    }

    // ---- membership

    private Behavior<Command> onPeerUp(PeerUp up) {
        Peer peer = peer(up.node(), up.replicator());
        peer.replicator = up.replicator();
        peer.reachable = true;
        peer.replicator.tell(new Beacon(self, getContext().getSelf(), incarnation, own.version()));
        requestSync(up.node());
        return this;
    }

    private Behavior<Command> onPeerReachability(PeerReachability reachability) {
        Peer peer = peers.get(reachability.node());
        if (peer != null) {
            peer.reachable = reachability.reachable();
            completeReplicatedWaiters();
        }
        return this;
    }

    private Behavior<Command> onPeerRemoved(PeerRemoved removed) {
        peers.remove(removed.node());
        PeerPartition partition = partitions.remove(removed.node());
        if (partition != null) {
            // its persistent sessions must be adopted before its routes go, or messages for them
            // published meanwhile would find no route
            String lostName = LostNodes.lostName(removed.node());
            PeerPartition earlier = lostPartitions.remove(lostName);
            if (earlier != null) {
                earlier.clear();
            }
            PeerPartition lost = partition.renamed(lostName);
            lostPartitions.put(lostName, lost);
            lostSince.put(removed.node(), System.nanoTime());
            log.info("Node {} left: its {} routes stay until its sessions are adopted.", removed.node(), lost.size());
            Map.Entry<String, Long> early = adoptedEarly.remove(removed.node());
            if (early != null) {
                dropLost(removed.node(), early.getKey());
            }
        }
        completeReplicatedWaiters();
        completeSyncedWaiters();
        return this;
    }

    private Behavior<Command> onAdopted(Adopted adopted) {
        if (lostPartitions.containsKey(LostNodes.lostName(adopted.lost()))) {
            dropLost(adopted.lost(), adopted.adopter());
        } else if (partitions.containsKey(adopted.lost())) {
            adoptedEarly.put(adopted.lost(), Map.entry(adopted.adopter(), System.nanoTime()));
        }
        return this;
    }

    private void dropLost(String lost, String adopter) {
        lostSince.remove(lost);
        PeerPartition partition = lostPartitions.remove(LostNodes.lostName(lost));
        if (partition == null) {
            return;
        }
        log.info("Routes of lost node {} removed; its sessions are on {}.", lost,
                adopter == null ? "no node (not adopted in time)" : adopter);
        partition.clear();
        lostNodes.routesDropped(lost, adopter);
    }

    private Behavior<Command> onTick() {
        long now = System.nanoTime();
        for (Map.Entry<String, Long> lost : List.copyOf(lostSince.entrySet())) {
            if (now - lost.getValue() > LOST_ROUTES_TIMEOUT.toNanos()) {
                dropLost(lost.getKey(), null);
            }
        }
        adoptedEarly.values().removeIf(early -> now - early.getValue() > EARLY_ADOPTION_KEPT.toNanos());
        Beacon beacon = new Beacon(self, getContext().getSelf(), incarnation, own.version());
        for (Map.Entry<String, Peer> entry : peers.entrySet()) {
            entry.getValue().replicator.tell(beacon);
            if (!partition(entry.getKey()).synced()) {
                requestSync(entry.getKey());
            }
        }
        return this;
    }

    private Behavior<Command> onGetStatus(GetStatus get) {
        Map<String, Integer> known = new HashMap<>();
        for (String node : peers.keySet()) {
            PeerPartition partition = partition(node);
            known.put(node, partition.synced() ? partition.size() : -1);
        }
        get.replyTo().tell(new Status(own.version(), own.filters().size(), known));
        return this;
    }

    /**
     * The peer {@code node}, added when first heard of: its messages carry its replicator, and a
     * node may hear from a new member before the membership event says it is up.
     */
    private Peer peer(String node, ActorRef<Command> replicator) {
        return peers.computeIfAbsent(node, n -> new Peer(replicator));
    }

    private PeerPartition partition(String node) {
        return partitions.computeIfAbsent(node, n -> new PeerPartition(n, view));
    }
}
