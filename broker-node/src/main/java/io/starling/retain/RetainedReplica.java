package io.starling.retain;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.starling.route.PendingAck;
import io.starling.route.cluster.ClusterMembership;
import io.starling.route.cluster.ClusterMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * This node's copy of the cluster's retained messages, which subscribers here read
 * ({@link RetainedMessages}). The messages themselves are recorded by the sharded
 * {@link RetainedPartition}s; this actor keeps the copy in step with them.
 *
 * <p>A retained PUBLISH on this node is recorded by its topic's partition, which numbers it; this
 * node then sends the numbered change to every node's replica (its own included), and the
 * publisher's acknowledgement waits until every reachable node has applied it, so a subscriber on
 * any node sees it once the publisher has its PUBACK. Each replica applies a partition's changes
 * strictly in their numbers' order; a gap (a change whose sender died before sending it) is closed
 * by reading the partition again, and a check every few seconds finds a copy that fell behind.
 */
public final class RetainedReplica extends AbstractBehavior<RetainedReplica.Command> {

    public static final String NAME = "retained-replica";

    public interface Command {
    }

    // ---- from this node

    /** A retained PUBLISH (or clear) on this node: record and spread it, then release {@code ack}. */
    record Write(RetainedEvent event, PendingAck ack) implements Command {
    }

    /** Completes {@code done} once every partition has been read. */
    record Load(CompletableFuture<Void> done) implements Command {
    }

    /** Completes {@code done} once no write of this node waits any more. */
    record AwaitIdle(CompletableFuture<Void> done) implements Command {
    }

    // ---- from partitions and other replicas

    /** A partition recorded a write of this node as changes {@code afterSeq}+1 to {@code seq}. */
    public record Recorded(long writeId, int partition, long afterSeq, long seq,
            @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) List<RetainedEvent> events) implements Command, ClusterMessage {
    }

    /** Changes {@code afterSeq}+1 to {@code seq} of a partition; answered with {@link Applied}. */
    public record Changed(int partition, long afterSeq, long seq,
            @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) List<RetainedEvent> events, long writeId,
            ActorRef<Command> writer) implements Command, ClusterMessage {
    }

    /** {@code node} applied write {@code writeId}. */
    public record Applied(long writeId, String node) implements Command, ClusterMessage {
    }

    /** Part {@code index} of a partition's messages as of change {@code seq}. */
    public record PartitionState(int partition, long seq, int index, List<StoredMessage> messages, boolean last)
            implements Command, ClusterMessage {
    }

    /** The number of a partition's last change. */
    public record PartitionSeq(int partition, long seq) implements Command, ClusterMessage {
    }

    private record Tick() implements Command {
    }

    /** A write of this node waiting for the nodes to apply it. */
    private static final class PendingWrite {
        final RetainedEvent event;
        final PendingAck ack;
        final Set<String> waiting = new HashSet<>();
        final long startedNanos = System.nanoTime();
        long sentNanos = startedNanos;
        boolean recorded;

        PendingWrite(RetainedEvent event, PendingAck ack) {
            this.event = event;
            this.ack = ack;
        }
    }

    static final Duration TICK = Duration.ofSeconds(1);
    /** A write its partition has not answered within this is sent again. */
    static final Duration RECORD_RETRY = Duration.ofSeconds(3);
    /** A write does not hold its publisher longer than this for nodes that do not answer. */
    static final Duration WRITE_WAIT = Duration.ofSeconds(10);
    /** A gap in a partition's changes older than this is closed by reading the partition. */
    static final long GAP_NANOS = Duration.ofSeconds(2).toNanos();
    /** A first read of a partition still unanswered after this is asked again (it was lost). */
    static final long UNANSWERED_NANOS = Duration.ofSeconds(5).toNanos();
    /** Every this many ticks each partition's last number is compared with this copy's. */
    static final int CHECK_EVERY_TICKS = 5;

    private final RetainedMessages messages;
    private final ClusterSharding sharding;
    private final String self;
    private final ReplicaPartition[] partitions = new ReplicaPartition[RetainedPartition.COUNT];
    private final Map<Long, PendingWrite> writes = new HashMap<>();
    private final List<CompletableFuture<Void>> loadWaiters = new ArrayList<>();
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();
    private long nextWriteId = 1;
    private int ticks;

    static Behavior<Command> create(RetainedMessages messages, ClusterSharding sharding, String self) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(new Tick(), TICK);
            return new RetainedReplica(context, messages, sharding, self);
        }));
    }

    private RetainedReplica(ActorContext<Command> context, RetainedMessages messages, ClusterSharding sharding,
            String self) {
        super(context);
        this.messages = messages;
        this.sharding = sharding;
        this.self = self;
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new ReplicaPartition(i, messages);
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Write.class, this::onWrite)
                .onMessage(Recorded.class, this::onRecorded)
                .onMessage(Changed.class, this::onChanged)
                .onMessage(Applied.class, this::onApplied)
                .onMessage(PartitionState.class, this::onPartitionState)
                .onMessage(PartitionSeq.class, this::onPartitionSeq)
                .onMessage(Load.class, this::onLoad)
                .onMessage(AwaitIdle.class, this::onAwaitIdle)
                .onMessage(Tick.class, tick -> onTick())
                .build();
    }

    private Behavior<Command> onWrite(Write write) {
        long writeId = nextWriteId++;
        writes.put(writeId, new PendingWrite(write.event(), write.ack()));
        record(writeId, write.event());
        return this;
    }

    private void record(long writeId, RetainedEvent event) {
        partition(RetainedPartition.partitionOf(topicOf(event)))
                .tell(new RetainedPartition.Record(writeId, List.of(event), getContext().getSelf()));
    }

    private Behavior<Command> onRecorded(Recorded recorded) {
        PendingWrite write = writes.get(recorded.writeId());
        if (write == null || write.recorded) {
            return this; // an answer to a write sent again
        }
        write.recorded = true;
        Changed changed = new Changed(recorded.partition(), recorded.afterSeq(), recorded.seq(), recorded.events(),
                recorded.writeId(), getContext().getSelf());
        ActorRefResolver resolver = ActorRefResolver.get(getContext().getSystem());
        Cluster cluster = Cluster.get(getContext().getSystem());
        Set<Member> unreachable = cluster.state().getUnreachable();
        for (Member member : cluster.state().getMembers()) {
            if (member.status() != MemberStatus.up() || unreachable.contains(member)) {
                continue;
            }
            String node = ClusterMembership.nodeName(member.address());
            write.waiting.add(node);
            ActorRef<Command> replica = node.equals(self) ? getContext().getSelf()
                    : resolver.resolveActorRef(member.address() + "/system/" + NAME);
            replica.tell(changed);
        }
        if (write.waiting.isEmpty()) {
            finish(recorded.writeId());
        }
        return this;
    }

    private Behavior<Command> onChanged(Changed changed) {
        ReplicaPartition partition = partitions[changed.partition()];
        partition.offer(changed);
        for (Changed applied : partition.applyReady()) {
            applied.writer().tell(new Applied(applied.writeId(), self));
        }
        return this;
    }

    private Behavior<Command> onApplied(Applied applied) {
        PendingWrite write = writes.get(applied.writeId());
        if (write != null && write.waiting.remove(applied.node()) && write.waiting.isEmpty()) {
            finish(applied.writeId());
        }
        return this;
    }

    private void finish(long writeId) {
        PendingWrite write = writes.remove(writeId);
        write.ack.done();
        if (writes.isEmpty()) {
            idleWaiters.forEach(done -> done.complete(null));
            idleWaiters.clear();
        }
    }

    private Behavior<Command> onPartitionState(PartitionState state) {
        ReplicaPartition partition = partitions[state.partition()];
        if (partition.receiveState(state)) {
            for (Changed applied : partition.applyReady()) {
                applied.writer().tell(new Applied(applied.writeId(), self));
            }
            completeLoadWaiters();
        }
        return this;
    }

    private Behavior<Command> onPartitionSeq(PartitionSeq seq) {
        ReplicaPartition partition = partitions[seq.partition()];
        if (partition.isBehind(seq.seq())) {
            getContext().getLog().info("Retained partition {} is behind ({}); reading it again.", seq.partition(),
                    seq.seq());
            requestState(partition);
        }
        return this;
    }

    private Behavior<Command> onLoad(Load load) {
        loadWaiters.add(load.done());
        for (ReplicaPartition partition : partitions) {
            requestState(partition);
        }
        return this;
    }

    private void completeLoadWaiters() {
        for (ReplicaPartition partition : partitions) {
            if (!partition.synced()) {
                return;
            }
        }
        loadWaiters.forEach(done -> done.complete(null));
        loadWaiters.clear();
    }

    private Behavior<Command> onAwaitIdle(AwaitIdle await) {
        if (writes.isEmpty()) {
            await.done().complete(null);
        } else {
            idleWaiters.add(await.done());
        }
        return this;
    }

    private Behavior<Command> onTick() {
        ticks++;
        long now = System.nanoTime();
        for (ReplicaPartition partition : partitions) {
            if (partition.gapOlderThan(now, GAP_NANOS) || partition.unansweredOlderThan(now, UNANSWERED_NANOS)) {
                requestState(partition);
            } else if (ticks % CHECK_EVERY_TICKS == 0 && partition.synced()) {
                partition(partition.index()).tell(new RetainedPartition.GetSeq(getContext().getSelf()));
            }
        }
        Set<String> reachable = reachableNodes();
        for (Long writeId : List.copyOf(writes.keySet())) {
            PendingWrite write = writes.get(writeId);
            if (!write.recorded) {
                // sharding drops what it buffered for a partition that moves between nodes: send
                // the write again (setting or clearing a topic twice leaves the same state)
                if (now - write.sentNanos > RECORD_RETRY.toNanos()) {
                    write.sentNanos = now;
                    record(writeId, write.event);
                }
                continue;
            }
            write.waiting.retainAll(reachable);
            boolean late = now - write.startedNanos > WRITE_WAIT.toNanos();
            if (write.waiting.isEmpty() || late) {
                if (late) {
                    getContext().getLog().warn("Retained change not confirmed by {} within {}; going on.",
                            write.waiting, WRITE_WAIT);
                }
                finish(writeId);
            }
        }
        return this;
    }

    private Set<String> reachableNodes() {
        Cluster cluster = Cluster.get(getContext().getSystem());
        Set<Member> unreachable = cluster.state().getUnreachable();
        Set<String> nodes = new HashSet<>();
        for (Member member : cluster.state().getMembers()) {
            if (member.status() == MemberStatus.up() && !unreachable.contains(member)) {
                nodes.add(ClusterMembership.nodeName(member.address()));
            }
        }
        return nodes;
    }

    private void requestState(ReplicaPartition partition) {
        partition.stateRequested(System.nanoTime());
        partition(partition.index()).tell(new RetainedPartition.SendState(getContext().getSelf()));
    }

    private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<RetainedPartition.Command> partition(int index) {
        return sharding.entityRefFor(RetainedPartition.KEY, String.valueOf(index));
    }

    private static String topicOf(RetainedEvent event) {
        return event instanceof RetainedMessageSet set ? set.message().topic()
                : ((RetainedMessageCleared) event).topic();
    }
}
