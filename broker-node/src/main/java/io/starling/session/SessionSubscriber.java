package io.starling.session;

import io.starling.deliver.Outgoing;
import io.starling.mqtt.Message;
import io.starling.route.PendingAck;
import io.starling.route.Subscriber;
import io.starling.route.Subscription;
import io.starling.route.flow.Backlog;
import io.starling.route.flow.StallWatch;
import io.starling.route.flow.Throttle;
import io.starling.sys.Metrics;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How the router reaches a session: a tell, never a call into the actor's state.
 *
 * <p>It is also where back-pressure starts: a delivery to a connected client that is too far
 * behind holds the publisher's throttle (see {@link Backlog}). As a last resort it bounds the
 * session's mailbox: when back-pressure cannot help (a stalled client, an offline session),
 * deliveries beyond the limit are dropped here, QoS 0 first (at the limit) and QoS 1/2 at twice
 * the limit, and counted as dropped in $SYS, as Mosquitto drops what exceeds a client's queue.
 */
final class SessionSubscriber implements Subscriber {

    /** Most messages waiting for one client before its publishers are held back. */
    static final int MAX_HIGH_WATER = 1000;

    private final String clientId;
    private final ActorRef<SessionActor.Command> session;
    private final int mailboxLimit;
    private final Metrics metrics;
    private final StallWatch stallWatch;
    private final Backlog backlog;
    /** Set by the session actor while its journal records it; read on publishers' threads. */
    private volatile boolean durable;

    /** @param mailboxLimit {@code max_queued_messages}; 0 = no limit */
    SessionSubscriber(String clientId, ActorRef<SessionActor.Command> session, int mailboxLimit, Metrics metrics,
            StallWatch stallWatch) {
        this.clientId = clientId;
        this.session = session;
        this.mailboxLimit = mailboxLimit;
        this.metrics = metrics;
        this.stallWatch = stallWatch;
        // below the mailbox limit, so publishers are held before anything is dropped
        this.backlog = new Backlog(mailboxLimit > 0 ? Math.max(2, Math.min(MAX_HIGH_WATER, mailboxLimit / 2))
                : MAX_HIGH_WATER);
    }

    /** The session's side of the back-pressure count. */
    Backlog backlog() {
        return backlog;
    }

    void setDurable(boolean newDurable) {
        durable = newDurable;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public void deliver(Message message, List<Subscription> matched, PendingAck ack, Throttle publisher) {
        // computed here, once, on the publisher's thread: the session actor only enqueues it
        Outgoing outgoing = Outgoing.forSubscriber(message, matched, clientId);
        if (outgoing == null) {
            return; // No Local: nothing for this session
        }
        if (mailboxLimit > 0 && backlog.inMailbox() >= (outgoing.qos() == 0 ? mailboxLimit : 2L * mailboxLimit)) {
            metrics.droppedMessages.increment();
            return;
        }
        backlog.entered();
        if (durable && ack != PendingAck.NONE && outgoing.qos() > 0) {
            // the publisher's PUBACK/PUBREC waits until this session has recorded the message;
            // the session releases the hold in any case (also when it ends or drops the message)
            ack.expect();
            session.tell(new SessionActor.Deliver(outgoing, ack));
        } else {
            session.tell(new SessionActor.Deliver(outgoing, PendingAck.NONE));
        }
        if (!clientId.equals(message.publisherClientId())) {
            // a client is never held by its own backlog: it could not read its own acknowledgements
            backlog.holdIfCongested(publisher, stallWatch);
        }
    }

    @Override
    public String toString() {
        return "session " + clientId;
    }
}
