package io.starling.session;

import io.starling.mqtt.Message;
import io.starling.route.Subscriber;
import io.starling.route.Subscription;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** How the router reaches a session: a tell, never a call into the actor's state. */
final class SessionSubscriber implements Subscriber {

    private final String clientId;
    private final ActorRef<SessionActor.Command> session;

    SessionSubscriber(String clientId, ActorRef<SessionActor.Command> session) {
        this.clientId = clientId;
        this.session = session;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public void deliver(Message message, List<Subscription> matched) {
        session.tell(new SessionActor.Deliver(message, matched));
    }

    @Override
    public String toString() {
        return "session " + clientId;
    }
}
