package io.starling.session.owner;

import io.starling.route.cluster.ClusterMessage;
import io.starling.session.SessionActor;
import io.starling.session.SessionRegistry;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A node's answer to the cluster's questions about the sessions it holds: whether it has a
 * client id ({@link Locate}, asked by a {@link SessionOwner} that lost its memory), and handing a
 * session over to another node ({@link TakeOver}). One per node, under {@link #NAME}.
 */
public final class SessionHost {

    public static final String NAME = "session-host";

    public interface Command {
    }

    /** Does this node hold {@code clientId}? Answered with {@link SessionOwner.Located}. */
    public record Locate(String clientId, ActorRef<SessionOwner.Command> replyTo) implements Command, ClusterMessage {
    }

    /** Hand the session of {@code clientId} over; answered with {@link SessionOwner.Released}. */
    public record TakeOver(String clientId, boolean cleanStart, ActorRef<SessionActor.Command> claimant,
            ActorRef<SessionOwner.Command> replyTo) implements Command, ClusterMessage {
    }

    private SessionHost() {
    }

    /** @param node this node's name ("host:port") */
    public static Behavior<Command> create(String node, SessionRegistry registry) {
        return Behaviors.setup(context -> Behaviors.receive(Command.class)
                .onMessage(Locate.class, locate -> {
                    locate.replyTo().tell(new SessionOwner.Located(node, context.getSelf(),
                            registry.holds(locate.clientId())));
                    return Behaviors.same();
                })
                .onMessage(TakeOver.class, takeOver -> {
                    registry.handOver(takeOver.clientId(), takeOver.cleanStart(), takeOver.claimant(),
                            session -> takeOver.replyTo().tell(
                                    new SessionOwner.Released(takeOver.clientId(), node, session)));
                    return Behaviors.same();
                })
                .build());
    }
}
