package io.starling.route.cluster;

import io.starling.mqtt.Message;
import io.starling.route.PendingAck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The actor behind a {@link NodeLink}: takes what publishers queued, sends it as batches to the
 * other node's {@link ClusterInbox}, and releases the publishers' acknowledgements as the other
 * node answers. When the other node is lost it keeps everything not answered (see
 * {@link LostNodes}) until it is told where to send it.
 */
final class NodeLinkSender {

    /** A batch stays well below Artery's frame size (node/cluster.conf). */
    static final int BATCH_BYTES = 256 * 1024;
    /**
     * A payload above this crosses in parts of this size, in order on the same stream: Artery's
     * frames are 1 MiB (node/cluster.conf), MQTT payloads up to 256 MiB.
     */
    static final int PART_BYTES = 256 * 1024;
    /** Per message, beyond topic and payload, for the batch size estimate. */
    private static final int MESSAGE_OVERHEAD = 64;

    /** The other node was lost: keep, don't send. */
    record Park() implements NodeLink.Command {
    }

    /** Hand what is kept to {@code target} and stop. */
    record Reroute(NodeLink.Target target) implements NodeLink.Command {
    }

    private final NodeLink link;
    private final String self;
    private final ActorRef<ClusterInbox.Command> inbox;
    private final ActorContext<NodeLink.Command> context;
    /** Batches sent and not answered: the messages whose publishers wait for them. */
    private final Map<Long, List<NodeLink.Queued>> unanswered = new HashMap<>();
    /** Every batch sent and not answered: how many messages it holds. */
    private final Map<Long, Integer> sizes = new HashMap<>();
    private long nextSeq = 1;

    private NodeLinkSender(NodeLink link, String self, ActorRef<ClusterInbox.Command> inbox,
            ActorContext<NodeLink.Command> context) {
        this.link = link;
        this.self = self;
        this.inbox = inbox;
        this.context = context;
    }

    static Behavior<NodeLink.Command> create(NodeLink link, String self, ActorRef<ClusterInbox.Command> inbox) {
        return Behaviors.setup(context -> new NodeLinkSender(link, self, inbox, context).sending());
    }

    private Behavior<NodeLink.Command> sending() {
        return Behaviors.receive(NodeLink.Command.class)
                .onMessage(NodeLink.Drain.class, drain -> {
                    drain();
                    return Behaviors.same();
                })
                .onMessage(NodeLink.Recorded.class, recorded -> {
                    answered(recorded.seq());
                    return Behaviors.same();
                })
                .onMessage(NodeLink.Pause.class, pause -> {
                    link.pause(true);
                    return Behaviors.same();
                })
                .onMessage(NodeLink.Resume.class, resume -> {
                    link.pause(false);
                    return Behaviors.same();
                })
                .onMessage(Park.class, park -> parked())
                .onMessage(NodeLink.Closed.class, closed -> {
                    link.forgetInFlight();
                    unanswered.values().forEach(batch -> batch.forEach(queued -> queued.ack().done()));
                    return Behaviors.stopped();
                })
                .build();
    }

    private void drain() {
        // cleared before the queue is read: a message queued after this point sends a new Drain
        link.drainStarts();
        List<Forwarded> batch = new ArrayList<>();
        List<NodeLink.Queued> waiting = new ArrayList<>();
        int bytes = 0;
        NodeLink.Queued queued;
        while ((queued = link.poll()) != null) {
            if (queued.forwarded() == null) {
                if (!batch.isEmpty()) {
                    send(batch, waiting);
                    batch = new ArrayList<>();
                    waiting = new ArrayList<>();
                    bytes = 0;
                }
                inbox.tell(new ClusterInbox.Marker(self, queued.marker()));
                continue;
            }
            Message message = queued.forwarded().message();
            if (message.payload().length > PART_BYTES) {
                if (!batch.isEmpty()) {
                    send(batch, waiting);
                    batch = new ArrayList<>();
                    waiting = new ArrayList<>();
                    bytes = 0;
                }
                sendInParts(queued);
                continue;
            }
            int size = message.sizeInBytes() + MESSAGE_OVERHEAD;
            if (bytes + size > BATCH_BYTES && !batch.isEmpty()) {
                send(batch, waiting);
                batch = new ArrayList<>();
                waiting = new ArrayList<>();
                bytes = 0;
            }
            batch.add(queued.forwarded());
            if (queued.ack() != null) {
                waiting.add(queued);
            }
            bytes += size;
        }
        if (!batch.isEmpty()) {
            send(batch, waiting);
        }
    }

    private void send(List<Forwarded> batch, List<NodeLink.Queued> waiting) {
        long seq = nextSeq++;
        if (!waiting.isEmpty()) {
            unanswered.put(seq, waiting);
        }
        sizes.put(seq, batch.size());
        inbox.tell(new ClusterInbox.Batch(self, context.getSelf(), seq, batch));
    }

    private void sendInParts(NodeLink.Queued queued) {
        long seq = nextSeq++;
        if (queued.ack() != null) {
            unanswered.put(seq, List.of(queued));
        }
        sizes.put(seq, 1);
        Forwarded forwarded = queued.forwarded();
        Message m = forwarded.message();
        byte[] payload = m.payload();
        Forwarded header = new Forwarded(new Message(m.topic(), m.qos(), m.retain(), new byte[0], m.properties(),
                m.expiresAtMillis(), m.publisherClientId()), forwarded.direct(), forwarded.groups(), forwarded.recorded());
        int count = (payload.length + PART_BYTES - 1) / PART_BYTES;
        for (int i = 0; i < count; i++) {
            byte[] chunk = Arrays.copyOfRange(payload, i * PART_BYTES, Math.min(payload.length, (i + 1) * PART_BYTES));
            inbox.tell(new ClusterInbox.Part(self, context.getSelf(), seq, i, count, i == 0 ? header : null, chunk));
        }
    }

    private void answered(long seq) {
        Integer size = sizes.remove(seq);
        if (size != null) {
            link.answered(size);
        }
        List<NodeLink.Queued> batch = unanswered.remove(seq);
        if (batch != null) {
            batch.forEach(queued -> queued.ack().done());
        }
    }

    /** Keeps everything the lost node did not answer, and what still comes, until told where it goes. */
    private Behavior<NodeLink.Command> parked() {
        link.forgetInFlight();
        sizes.clear();
        List<NodeLink.Queued> kept = new ArrayList<>();
        unanswered.values().forEach(kept::addAll);
        unanswered.clear();
        context.getLog().info("Node {} lost: keeping {} unconfirmed messages for its sessions.", link.node(),
                kept.size());
        return Behaviors.receive(NodeLink.Command.class)
                .onMessage(NodeLink.Drain.class, drain -> {
                    link.drainStarts();
                    NodeLink.Queued queued;
                    while ((queued = link.poll()) != null) {
                        if (queued.forwarded() != null) {
                            kept.add(queued);
                        }
                    }
                    return Behaviors.same();
                })
                .onMessage(Reroute.class, reroute -> {
                    NodeLink.Queued queued;
                    while ((queued = link.poll()) != null) {
                        if (queued.forwarded() != null) {
                            kept.add(queued);
                        }
                    }
                    for (NodeLink.Queued message : kept) {
                        PendingAck ack = message.ack() == null ? PendingAck.NONE : message.ack();
                        reroute.target().deliver(message.forwarded(), ack);
                        ack.done(); // this link's own hold; the target took its own
                    }
                    return Behaviors.stopped();
                })
                .onMessage(NodeLink.Closed.class, closed -> {
                    kept.forEach(message -> {
                        if (message.ack() != null) {
                            message.ack().done();
                        }
                    });
                    return Behaviors.stopped();
                })
                .onAnyMessage(other -> Behaviors.same())
                .build();
    }
}
