package io.starling.route.cluster;

import io.starling.mqtt.TopicFilter;
import io.starling.route.PendingAck;
import io.starling.route.flow.Throttle;
import io.starling.route.local.LocalRouter;
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

    private ClusterInbox() {
    }

    /** @param received counts the messages that arrive, for $SYS */
    public static Behavior<Command> create(LocalRouter router, LongAdder received) {
        Map<String, Throttle> origins = new HashMap<>();
        return Behaviors.receive(Command.class)
                .onMessage(Batch.class, batch -> {
                    received.add(batch.messages().size());
                    deliver(router, batch, origins.computeIfAbsent(batch.node(), node -> originThrottle(batch)));
                    return Behaviors.same();
                })
                .build();
    }

    /**
     * What a congested subscriber here holds for messages from one node: a throttle whose valve
     * asks that node's link to hold its publishers, and lets them go once nothing holds it.
     */
    /** Hands a forwarded message to this node's subscribers: its direct ones, and the groups chosen for it. */
    static void deliverLocally(LocalRouter router, Forwarded forwarded, PendingAck ack, Throttle origin) {
        List<String> groups = forwarded.groups();
        LocalRouter.GroupChoice choice = groups.isEmpty()
                ? (filter, group) -> false
                : (filter, group) -> groups.contains(new TopicFilter(filter, group).text());
        router.publish(forwarded.message(), forwarded.recorded() ? ack : PendingAck.NONE, origin,
                forwarded.direct(), choice);
    }

    private static Throttle originThrottle(Batch first) {
        ActorRef<NodeLink.Command> link = first.replyTo();
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
