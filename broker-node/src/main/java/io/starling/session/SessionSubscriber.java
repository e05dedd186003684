package io.starling.session;

import io.starling.mqtt.Message;
import io.starling.route.PendingAck;
import io.starling.route.Subscriber;
import io.starling.route.Subscription;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** How the router reaches a session: a tell, never a call into the actor's state. */
final class SessionSubscriber implements Subscriber {

    private final String clientId;
    private final ActorRef<SessionActor.Command> session;
    /** Set by the session actor while its journal records it; read on publishers' threads. */
    private volatile boolean durable;

    SessionSubscriber(String clientId, ActorRef<SessionActor.Command> session) {
        this.clientId = clientId;
        this.session = session;
    }

    void setDurable(boolean newDurable) {
        durable = newDurable;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public void deliver(Message message, List<Subscription> matched, PendingAck ack) {
        if (durable && ack != PendingAck.NONE && deliveredQos(message, matched) > 0) {
            // the publisher's PUBACK/PUBREC waits until this session has recorded the message;
            // the session releases the hold in any case (also when it ends or drops the message)
            ack.expect();
            session.tell(new SessionActor.Deliver(message, matched, ack));
        } else {
            session.tell(new SessionActor.Deliver(message, matched, PendingAck.NONE));
        }
    }

    /** The QoS the session will queue the message with, -1 when No Local skips it. */
    private int deliveredQos(Message message, List<Subscription> matched) {
        int qos = -1;
        for (Subscription subscription : matched) {
            if (subscription.options().noLocal() && clientId.equals(message.publisherClientId())) {
                continue;
            }
            qos = Math.max(qos, subscription.options().qos());
        }
        return Math.min(qos, message.qos());
    }

    @Override
    public String toString() {
        return "session " + clientId;
    }
}
