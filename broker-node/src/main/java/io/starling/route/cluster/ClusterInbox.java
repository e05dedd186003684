package io.starling.route.cluster;

import io.starling.mqtt.TopicFilter;
import io.starling.route.PendingAck;
import io.starling.route.flow.Throttle;
import io.starling.route.local.LocalRouter;
import io.starling.mqtt.Message;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Receives the messages other nodes forward to this one and hands them to this node's own
 * subscribers (never onwards: the publishing node already chose every node). Answers each batch
 * once the messages in it that must be recorded are recorded (see {@link NodeLink}).
 */
public final class ClusterInbox {

    /** The inbox's name on every node, so that peers can address it. */
    public static final String NAME = "cluster-inbox";

    public interface Command {
    }

    /** Messages from {@code node}, in the order they were published there. */
    public record Batch(String node, ActorRef<NodeLink.Command> replyTo, long seq, List<Forwarded> messages)
            implements Command, ClusterMessage {
    }

    /**
     * Part {@code index} of {@code count} of one large message from {@code node} (see
     * {@link NodeLinkSender#PART_BYTES}); the first part carries the message without its payload.
     */
    public record Part(String node, ActorRef<NodeLink.Command> replyTo, long seq, int index, int count,
            Forwarded header, byte[] chunk) implements Command, ClusterMessage {
    }

    /**
     * {@code node} asks this node to send it a {@link Marker} through this node's link to it: the
     * marker arrives after everything this node forwarded to {@code node} before (see
     * {@link ClusterRouter#inFlightDelivered}).
     */
    public record MarkerRequest(String node, long id) implements Command, ClusterMessage {
    }

    /** Everything {@code node} forwarded here before it was asked for marker {@code id} has arrived. */
    public record Marker(String node, long id) implements Command, ClusterMessage {
    }

    private ClusterInbox() {
    }

    /** @param received counts the messages that arrive, for $SYS */
    public static Behavior<Command> create(ClusterRouter cluster, LongAdder received) {
        LocalRouter router = cluster.local();
        Map<String, Throttle> origins = new HashMap<>();
        Map<String, LargeMessage> assembling = new HashMap<>();
        return Behaviors.receive(Command.class)
                .onMessage(Batch.class, batch -> {
                    received.add(batch.messages().size());
                    deliver(router, batch, origins.computeIfAbsent(batch.node(), node -> originThrottle(batch.replyTo())));
                    return Behaviors.same();
                })
                .onMessage(Part.class, part -> {
                    // parts come in order on the link's one stream; a new first part starts over
                    LargeMessage message = part.index() == 0 ? new LargeMessage(part.header())
                            : assembling.get(part.node());
                    if (message == null) {
                        return Behaviors.same();
                    }
                    message.add(part.chunk());
                    if (part.index() < part.count() - 1) {
                        assembling.put(part.node(), message);
                        return Behaviors.same();
                    }
                    assembling.remove(part.node());
                    received.increment();
                    Batch whole = new Batch(part.node(), part.replyTo(), part.seq(), List.of(message.whole()));
                    deliver(router, whole, origins.computeIfAbsent(part.node(), node -> originThrottle(part.replyTo())));
                    return Behaviors.same();
                })
                .onMessage(MarkerRequest.class, request -> {
                    cluster.sendMarker(request.node(), request.id());
                    return Behaviors.same();
                })
                .onMessage(Marker.class, marker -> {
                    cluster.markerArrived(marker.id());
                    return Behaviors.same();
                })
                .build();
    }

    /** A large message being put together from its parts. */
    private static final class LargeMessage {
        private final Forwarded header;
        private final ByteArrayOutputStream payload = new ByteArrayOutputStream();

        LargeMessage(Forwarded header) {
            this.header = header;
        }

        void add(byte[] chunk) {
            payload.writeBytes(chunk);
        }

        Forwarded whole() {
            Message m = header.message();
            Message full = new Message(m.topic(), m.qos(), m.retain(), payload.toByteArray(), m.properties(),
                    m.expiresAtMillis(), m.publisherClientId());
            return new Forwarded(full, header.direct(), header.groups(), header.recorded());
        }
    }

    /** Hands a forwarded message to this node's subscribers: its direct ones, and the groups chosen for it. */
    static void deliverLocally(LocalRouter router, Forwarded forwarded, PendingAck ack, Throttle origin) {
        List<String> groups = forwarded.groups();
        LocalRouter.GroupChoice choice = groups.isEmpty()
                ? (filter, group) -> false
                : (filter, group) -> groups.contains(new TopicFilter(filter, group).text());
        router.publish(forwarded.message(), forwarded.recorded() ? ack : PendingAck.NONE, origin,
                forwarded.direct(), choice);
    }

    /**
     * What a congested subscriber here holds for messages from one node: a throttle whose valve
     * asks that node's link to hold its publishers, and lets them go once nothing holds it.
     */
    private static Throttle originThrottle(ActorRef<NodeLink.Command> link) {
        return new Throttle(reading -> link.tell(reading ? new NodeLink.Resume() : new NodeLink.Pause()),
                Integer.MAX_VALUE);
    }

    private static void deliver(LocalRouter router, Batch batch, Throttle origin) {
        PendingAck recorded = new PendingAck(() -> batch.replyTo().tell(new NodeLink.Recorded(batch.seq())));
        for (Forwarded forwarded : batch.messages()) {
            deliverLocally(router, forwarded, recorded, origin);
        }
        if (recorded.release()) {
            batch.replyTo().tell(new NodeLink.Recorded(batch.seq()));
        }
    }
}
