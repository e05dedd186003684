package io.starling.route.cluster;

import io.starling.mqtt.Message;
import io.starling.route.PendingAck;
import io.starling.route.flow.Throttle;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

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


    public interface Command {
    }

    /** Something was queued. */
    record Drain() implements Command {
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

    /** The link is replaced or no longer needed. */
    record Closed() implements Command {
    }

    /**
     * A message waiting to be sent; {@code ack} is null when its publisher does not wait for it.
     * A marker ({@code forwarded} null) is sent to the other node after what was queued before it.
     */
    record Queued(Forwarded forwarded, PendingAck ack, long marker) {
    }

    /** Queues marker {@code id} behind everything queued so far (see {@link ClusterInbox.Marker}). */
    void sendMarker(long id) {
        queue.add(new Queued(null, null, id));
        if (drainPending.compareAndSet(false, true)) {
            actor.tell(new Drain());
        }
    }

    private final String node;
    /** Counts the messages sent through this link, for $SYS. */
    private final LongAdder forwarded;
    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    /** Publishers held while the other node asks for a pause. */
    private final ConcurrentLinkedQueue<Throttle> held = new ConcurrentLinkedQueue<>();
    private volatile boolean paused;
    /** Messages given to the link and not yet answered by the other node. */
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * Above this many unanswered messages the link holds its publishers until it is down to
     * {@link #LOW_WATER}: the other node's inbox, and the link's queue, stay bounded even where no
     * subscriber there is behind (a node slower than the publishers' pace, a QoS 0 stream).
     */
    static final int HIGH_WATER = 10_000;
    static final int LOW_WATER = HIGH_WATER / 2;
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
        link.actor = context.spawnAnonymous(NodeLinkSender.create(link, self, inbox));
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
        queue.add(new Queued(new Forwarded(message, direct, groups, recorded), recorded ? ack : null, 0));
        forwarded.increment();
        int flying = inFlight.incrementAndGet();
        if (drainPending.compareAndSet(false, true)) {
            actor.tell(new Drain());
        }
        if (publisher != Throttle.NONE && (paused || flying > HIGH_WATER)) {
            publisher.hold();
            held.add(publisher);
            maybeRelease(); // a Resume or an answer came meanwhile and may have looked already
        }
    }

    /** Lets the held publishers go once the other node neither asks for a pause nor lags. */
    private void maybeRelease() {
        if (!paused && inFlight.get() <= LOW_WATER) {
            releaseHeld();
        }
    }

    private void releaseHeld() {
        Throttle next;
        while ((next = held.poll()) != null) {
            next.release();
        }
    }

    /** The link stops; messages still unconfirmed are acknowledged as they are (a replaced link). */
    public void close() {
        actor.tell(new Closed());
    }

    /**
     * The other node was lost: from now on the link keeps what it is given, and what it sent
     * without an answer, until {@link #rerouteTo} (see {@link LostNodes}).
     */
    public void park() {
        actor.tell(new NodeLinkSender.Park());
    }

    /** Hands every kept message to {@code target}, then stops. */
    public void rerouteTo(Target target) {
        actor.tell(new NodeLinkSender.Reroute(target));
    }

    /** Where the messages kept for a lost node go. */
    public interface Target {
        /** {@code ack} is held for the message until this returns ({@link PendingAck#NONE} at QoS 0). */
        void deliver(Forwarded forwarded, PendingAck ack);
    }

    /** The queue, for the sending actor. */
    Queued poll() {
        return queue.poll();
    }

    void drainStarts() {
        drainPending.set(false);
    }

    void pause(boolean pause) {
        paused = pause;
        if (!pause) {
            maybeRelease();
        }
    }

    /** The other node answered {@code messages} messages. */
    void answered(int messages) {
        if (inFlight.addAndGet(-messages) <= LOW_WATER) {
            maybeRelease();
        }
    }

    /** The other node is gone: nothing it owes holds publishers any more. */
    void forgetInFlight() {
        inFlight.set(0);
        paused = false;
        releaseHeld();
    }
}
