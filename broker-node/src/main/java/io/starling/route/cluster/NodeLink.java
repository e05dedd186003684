package io.starling.route.cluster;

import io.starling.mqtt.Message;
import io.starling.route.PendingAck;
import io.starling.route.flow.Throttle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way from this node to one other node's {@link ClusterInbox}. Publishers (on their own
 * threads) queue messages here; the link's actor takes everything queued so far and sends it as
 * one batch, so a busy node sends a few large messages rather than one per PUBLISH. The queue is
 * first in, first out and there is one link per node, so messages from one publisher arrive in
 * the order it sent them.
 *
 * <p>A message whose publisher waits for it to be recorded holds the publisher's
 * {@link PendingAck} until the other node answers its batch.
 */
public final class NodeLink {

    private static final Logger log = LoggerFactory.getLogger(NodeLink.class);

    /** A batch stays well below Artery's frame size (node/cluster.conf). */
    static final int BATCH_BYTES = 256 * 1024;
    /** Per message, beyond topic and payload, for the batch size estimate. */
    private static final int MESSAGE_OVERHEAD = 64;

    public interface Command {
    }

    /** Something was queued. */
    private record Drain() implements Command {
    }

    /** The other node has recorded batch {@code seq}. */
    public record Recorded(long seq) implements Command, ClusterMessage {
    }

    /** A subscriber on the other node is too far behind: hold this node's publishers. */
    public record Pause() implements Command, ClusterMessage {
    }

    /** The other node's subscribers caught up. */
    public record Resume() implements Command, ClusterMessage {
    }

    /** The other node left the cluster. */
    public record Closed() implements Command {
    }

    private record Queued(Forwarded forwarded, PendingAck ack) {
    }

    private final String node;
    /** Counts the messages sent through this link, for $SYS. */
    private final LongAdder forwarded;
    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    /** Publishers held while the other node asks for a pause. */
    private final ConcurrentLinkedQueue<Throttle> held = new ConcurrentLinkedQueue<>();
    private volatile boolean paused;
    private ActorRef<Command> actor;

    private NodeLink(String node, LongAdder forwarded) {
        this.node = node;
        this.forwarded = forwarded;
    }

    /**
     * A link to the inbox {@code inbox} of {@code node}; its actor is spawned in {@code context}.
     *
     * @param self      this node's name, which the other node sees the batches come from
     * @param forwarded counts the messages this link sends
     */
    public static NodeLink open(ActorContext<?> context, String self, String node,
            ActorRef<ClusterInbox.Command> inbox, LongAdder forwarded) {
        NodeLink link = new NodeLink(node, forwarded);
        link.actor = context.spawnAnonymous(Behaviors.setup(ctx -> link.sending(ctx, self, inbox)));
        return link;
    }

    public String node() {
        return node;
    }

    /**
     * Queues a message for the other node; called on the publisher's thread, never blocks. While
     * the other node asks for a pause, {@code publisher} is held (back-pressure across nodes: a
     * subscriber there holds publishers here, as a local one would).
     */
    public void forward(Message message, boolean direct, List<String> groups, PendingAck ack, Throttle publisher) {
        boolean recorded = ack != PendingAck.NONE && message.qos() > 0;
        if (recorded) {
            ack.expect();
        }
        queue.add(new Queued(new Forwarded(message, direct, groups, recorded), recorded ? ack : null));
        forwarded.increment();
        if (drainPending.compareAndSet(false, true)) {
            actor.tell(new Drain());
        }
        if (paused && publisher != Throttle.NONE) {
            publisher.hold();
            held.add(publisher);
            if (!paused) {
                releaseHeld(); // the Resume came meanwhile and may have looked already
            }
        }
    }

    private void releaseHeld() {
        Throttle next;
        while ((next = held.poll()) != null) {
            next.release();
        }
    }

    /** The other node is gone: the link stops. */
    public void close() {
        actor.tell(new Closed());
    }

    private Behavior<Command> sending(ActorContext<Command> context, String self,
            ActorRef<ClusterInbox.Command> inbox) {
        Map<Long, List<PendingAck>> unanswered = new HashMap<>();
        long[] nextSeq = {1};
        return Behaviors.receive(Command.class)
                .onMessage(Drain.class, drain -> {
                    // cleared before the queue is read: a message queued after this point sends a new Drain
                    drainPending.set(false);
                    List<Forwarded> batch = new ArrayList<>();
                    List<PendingAck> acks = new ArrayList<>();
                    int bytes = 0;
                    Queued queued;
                    while ((queued = queue.poll()) != null) {
                        Message message = queued.forwarded().message();
                        int size = message.sizeInBytes() + MESSAGE_OVERHEAD;
                        if (bytes + size > BATCH_BYTES && !batch.isEmpty()) {
                            send(inbox, self, context.getSelf(), nextSeq[0]++, batch, acks, unanswered);
                            batch = new ArrayList<>();
                            acks = new ArrayList<>();
                            bytes = 0;
                        }
                        batch.add(queued.forwarded());
                        if (queued.ack() != null) {
                            acks.add(queued.ack());
                        }
                        bytes += size;
                    }
                    if (!batch.isEmpty()) {
                        send(inbox, self, context.getSelf(), nextSeq[0]++, batch, acks, unanswered);
                    }
                    return Behaviors.same();
                })
                .onMessage(Recorded.class, recorded -> {
                    List<PendingAck> acks = unanswered.remove(recorded.seq());
                    if (acks != null) {
                        acks.forEach(PendingAck::done);
                    }
                    return Behaviors.same();
                })
                .onMessage(Pause.class, pause -> {
                    paused = true;
                    return Behaviors.same();
                })
                .onMessage(Resume.class, resume -> {
                    paused = false;
                    releaseHeld();
                    return Behaviors.same();
                })
                .onMessage(Closed.class, closed -> {
                    paused = false;
                    releaseHeld();
                    int waiting = unanswered.values().stream().mapToInt(List::size).sum();
                    if (waiting > 0) {
                        // TODO(failover): these publishers should not be acknowledged before the
                        // sessions that were on that node are back elsewhere
                        log.warn("Node {} left with {} forwarded messages unconfirmed.", node, waiting);
                    }
                    unanswered.values().forEach(acks -> acks.forEach(PendingAck::done));
                    return Behaviors.stopped();
                })
                .build();
    }

    private static void send(ActorRef<ClusterInbox.Command> inbox, String self, ActorRef<Command> replyTo, long seq,
            List<Forwarded> batch, List<PendingAck> acks, Map<Long, List<PendingAck>> unanswered) {
        if (!acks.isEmpty()) {
            unanswered.put(seq, acks);
        }
        inbox.tell(new ClusterInbox.Batch(self, replyTo, seq, batch));
    }
}
