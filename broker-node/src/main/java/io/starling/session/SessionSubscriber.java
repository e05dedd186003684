package io.starling.session;

import io.starling.deliver.Outgoing;
import io.starling.mqtt.Message;
import io.starling.route.PendingAck;
import io.starling.route.Subscriber;
import io.starling.route.Subscription;
import io.starling.sys.Metrics;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How the router reaches a session: a tell, never a call into the actor's state.
 *
 * <p>It also bounds the session's mailbox. The outbox bounds what the session has taken in
 * ({@code max_queued_messages}), but a session starved of CPU by many fast publishers would let
 * Deliver messages pile up in its mailbox without limit. So deliveries beyond the limit are
 * dropped here, QoS 0 first (at the limit) and QoS 1/2 at twice the limit, and counted as dropped
 * in $SYS, as Mosquitto drops what exceeds a client's queue.
 */
final class SessionSubscriber implements Subscriber {

    private final String clientId;
    private final ActorRef<SessionActor.Command> session;
    private final int mailboxLimit;
    private final Metrics metrics;
    private final AtomicInteger inMailbox = new AtomicInteger();
    /** Set by the session actor while its journal records it; read on publishers' threads. */
    private volatile boolean durable;

    /** @param mailboxLimit {@code max_queued_messages}; 0 = no limit */
    SessionSubscriber(String clientId, ActorRef<SessionActor.Command> session, int mailboxLimit, Metrics metrics) {
        this.clientId = clientId;
        this.session = session;
        this.mailboxLimit = mailboxLimit;
        this.metrics = metrics;
    }

    /** The session took one Deliver out of its mailbox. */
    void delivered() {
        inMailbox.decrementAndGet();
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
        // computed here, once, on the publisher's thread: the session actor only enqueues it
        Outgoing outgoing = Outgoing.forSubscriber(message, matched, clientId);
        if (outgoing == null) {
            return; // No Local: nothing for this session
        }
        if (mailboxLimit > 0 && inMailbox.get() >= (outgoing.qos() == 0 ? mailboxLimit : 2L * mailboxLimit)) {
            metrics.droppedMessages.increment();
            return;
        }
        inMailbox.incrementAndGet();
        if (durable && ack != PendingAck.NONE && outgoing.qos() > 0) {
            // the publisher's PUBACK/PUBREC waits until this session has recorded the message;
            // the session releases the hold in any case (also when it ends or drops the message)
            ack.expect();
            session.tell(new SessionActor.Deliver(outgoing, ack));
        } else {
            session.tell(new SessionActor.Deliver(outgoing, PendingAck.NONE));
        }
    }

    @Override
    public String toString() {
        return "session " + clientId;
    }
}
