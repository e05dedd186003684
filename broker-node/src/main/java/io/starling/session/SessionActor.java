package io.starling.session;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.starling.deliver.Connection;
import io.starling.deliver.OutboundLimits;
import io.starling.deliver.Outbox;
import io.starling.deliver.Outgoing;
import io.starling.mqtt.ReasonCodes;
import io.starling.publish.InboundPublish;
import io.starling.publish.PublishLimits;
import io.starling.publish.PublishReceiver;
import io.starling.route.PendingAck;
import io.starling.route.Subscription;
import io.starling.route.cluster.ClusterMessage;
import io.starling.subscribe.SubscribeHandler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One client's session: its subscriptions, its outbound queue and in-flight messages, its will
 * and its expiry. It outlives the network connection when the session is persistent; a new
 * connection with the same client id is attached to it (taking it over from the old one).
 *
 * <p>Everything here runs on the actor's thread, so the state is plain mutable objects owned by
 * this actor (immutable state per message would allocate on every PUBLISH of the hot path).
 */
public final class SessionActor extends AbstractBehavior<SessionActor.Command> {

    public interface Command {
    }

    /** A new connection for this client id; the session sends the CONNACK. */
    public record Attach(Connection connection, ConnectRequest request) implements Command {
    }

    /** A PUBLISH from the client. */
    public record Publish(Connection connection, InboundPublish publish) implements Command {
    }

    /** Any other packet from the client after CONNECT (acks, SUBSCRIBE, UNSUBSCRIBE, DISCONNECT). */
    public record Packet(Connection connection, MqttMessage packet) implements Command {
    }

    /** The network connection ended without DISCONNECT (I/O error, keepalive timeout, protocol error). */
    public record ConnectionLost(Connection connection) implements Command {
    }

    /** The socket can take more writes again. */
    public record Writable(Connection connection) implements Command {
    }

    /** No subscriber holds this client back any more: handle what it sent meanwhile. */
    record Resume(Connection connection) implements Command {
    }

    /**
     * A message routed to this session; {@code ack} is held (expected) when the session must record
     * the message before its publisher is acknowledged, else {@link PendingAck#NONE}.
     */
    public record Deliver(Outgoing outgoing, PendingAck ack) implements Command {
    }

    /** Hand the events recorded so far to the journal (see {@link SessionJournalWriter}). */
    record FlushJournal() implements Command {
    }

    /** The journal answered a batch write. */
    record JournalWritten(SessionJournalWriter.Batch batch, Throwable failure) implements Command {
    }

    /** A held PUBACK/PUBREC may go: its message is recorded. */
    private record PublishRecorded(PublishReceiver.HeldAck ack) implements Command {
    }

    /**
     * Another node takes this session over (its client connected there): close the connection,
     * write the journal up to date, stop, then run {@code done}. See {@link SessionRegistry#handOver}.
     */
    record HandOver(boolean cleanStart, ActorRef<Command> claimant, Runnable done) implements Command {
    }

    /**
     * A message that reached the session on the node that handed it over, after its last journal
     * write; the claiming session takes it as a delivery and answers {@link LateRecorded} once it
     * has recorded it, which releases the publisher's acknowledgement there.
     */
    public record LateDelivery(MessageQueued message, long id, ActorRef<Command> replyTo)
            implements Command, ClusterMessage {
    }

    /** The claiming session recorded late delivery {@code id}. */
    public record LateRecorded(long id) implements Command, ClusterMessage {
    }

    /** The claiming session's routes reach every node: the handing-over session may go. */
    public record Settled() implements Command, ClusterMessage {
    }

    private record Drained() implements Command {
    }

    private record RoutesGone() implements Command {
    }

    private record HandOverTimedOut() implements Command {
    }

    /** The last write of a hand-over is done. */
    private record HandedOver(Runnable done) implements Command {
    }

    /** The cluster has the routes of a SUBSCRIBE: its SUBACK and retained messages may go. */
    private record SubscribeVisible(Connection connection, SubscribeHandler.Result result) implements Command {
    }

    private record WillDelayElapsed() implements Command {
    }

    private record ExpiryElapsed() implements Command {
    }

    private static final Object WILL_TIMER = "will";
    private static final Object EXPIRY_TIMER = "expiry";
    private static final Object HAND_OVER_TIMER = "hand-over";
    /** A hand-over that the claiming node does not settle within this ends anyway. */
    private static final Duration HAND_OVER_LIMIT = Duration.ofSeconds(30);
    /** Shortest wait for a will read back at start, so that every session is back to receive it. */
    private static final Duration RESTORED_WILL_GRACE = Duration.ofSeconds(1);

    public static Behavior<Command> create(
            String clientId, SessionServices services, SessionRegistry registry, AtomicInteger attaches) {
        return Behaviors.setup(context -> Behaviors.withTimers(
                timers -> new SessionActor(context, timers, clientId, services, registry, attaches)));
    }

    /**
     * A persistent session read back from its journal at node start: offline, its subscriptions
     * back in the router, its queued and in-flight messages back in the outbox, its expiry timer
     * running for the time it had left.
     */
    static Behavior<Command> restored(String clientId, SessionServices services, SessionRegistry registry,
            AtomicInteger attaches, ActorRef<SessionJournal.Command> journal, SessionSnapshot recorded) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            SessionActor session = new SessionActor(context, timers, clientId, services, registry, attaches);
            session.restore(journal, recorded);
            return session;
        }));
    }

    private final TimerScheduler<Command> timers;
    private final String clientId;
    private final SessionServices services;
    private final SessionRegistry registry;
    private final AtomicInteger attachesSent;
    private final SessionSubscriber subscriber;
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final Outbox outbox;
    private final PublishReceiver receiver;
    private final SubscribeHandler subscribeHandler;
    private final HeldBackPackets heldBack = new HeldBackPackets();

    private int attachesSeen;
    private boolean hasState;
    private Connection connection;
    private Will will;
    private Will pendingWill;
    private long sessionExpirySeconds;
    /** Null unless the session is persistent and the node durable. */
    private SessionJournalWriter journal;

    private SessionActor(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            String clientId,
            SessionServices services,
            SessionRegistry registry,
            AtomicInteger attaches) {
        super(context);
        this.timers = timers;
        this.clientId = clientId;
        this.services = services;
        this.registry = registry;
        this.attachesSent = attaches;
        this.subscriber = new SessionSubscriber(clientId, context.getSelf(),
                services.settings().maxQueuedMessages(), services.metrics(), services.stallWatch());
        SessionSettings settings = services.settings();
        this.outbox = new Outbox(limits(settings, 65535, 0, 0), services.metrics());
        this.receiver = new PublishReceiver(
                services.router(),
                services.retained(),
                services.control(),
                new PublishLimits(settings.messageSizeLimit(), settings.retainAvailable(), settings.receiveMaximum()),
                services.metrics(),
                clientId,
                ack -> context.getSelf().tell(new PublishRecorded(ack)));
        this.subscribeHandler = new SubscribeHandler(services.router(), services.retained());
    }

    @Override
    public Receive<Command> createReceive() {
        return new Dispatch();
    }

    /**
     * The session's message handling. Written out rather than built with {@code
     * newReceiveBuilder()}: the builder makes a dozen objects per actor (about 0.5 KiB per
     * connected client, measured with a heap histogram) and tries its cases in turn, while the
     * hot messages come first here.
     */
    private final class Dispatch extends Receive<Command> {
        @Override
        public Behavior<Command> receiveMessage(Command command) {
            if (command instanceof Deliver deliver) {
                return onDeliver(deliver);
            } else if (command instanceof Publish publish) {
                return onPublish(publish);
            } else if (command instanceof Packet packet) {
                return onPacket(packet);
            } else if (command instanceof Writable writable) {
                return onWritable(writable);
            } else if (command instanceof Resume resume) {
                return onResume(resume);
            } else if (command instanceof Attach attach) {
                return onAttach(attach);
            } else if (command instanceof ConnectionLost lost) {
                return onConnectionLost(lost);
            } else if (command instanceof PublishRecorded recorded) {
                return onPublishRecorded(recorded);
            } else if (command instanceof LateDelivery late) {
                subscriber.backlog().entered();
                PendingAck recorded = new PendingAck(() -> late.replyTo().tell(new LateRecorded(late.id())));
                return onDeliver(new Deliver(late.message().toOutgoing(), recorded));
            } else if (command instanceof HandOver handOver) {
                return onHandOver(handOver);
            } else if (command instanceof SubscribeVisible visible) {
                return onSubscribeVisible(visible);
            } else if (command instanceof WillDelayElapsed) {
                return onWillDelayElapsed();
            } else if (command instanceof ExpiryElapsed) {
                return endSession();
            } else if (command instanceof FlushJournal) {
                return onFlushJournal();
            } else if (command instanceof JournalWritten written) {
                return onJournalWritten(written);
            }
            return Behaviors.unhandled();
        }

        @Override
        public Behavior<Command> receiveSignal(Signal signal) {
            return Behaviors.unhandled();
        }
    }

    private Behavior<Command> onAttach(Attach attach) {
        attachesSeen++;
        timers.cancel(EXPIRY_TIMER);
        ConnectRequest request = attach.request();
        if (connection != null) {
            getContext().getLog().info("Client {} already connected, closing old connection.", clientId);
            closeTakenOver(request.cleanStart());
        } else if (pendingWill != null) {
            timers.cancel(WILL_TIMER);
            if (request.cleanStart()) {
                publish(pendingWill); // the old session ends now
            }
            pendingWill = null;
        }
        boolean sessionPresent = hasState && !request.cleanStart();
        if (request.cleanStart()) {
            clearSession();
        }
        hasState = true;
        connection = attach.connection();
        will = request.will();
        sessionExpirySeconds = request.sessionExpirySeconds();
        recordAttach(request.cleanStart());
        services.metrics().clientConnected();
        connection.send(ConnAcks.accepted(request, sessionPresent, services.settings()));
        receiver.connectionStarted(request.brokerTopicAliasMaximum());
        outbox.attach(connection, limits(services.settings(), request.receiveMaximum(),
                request.maximumPacketSize(), request.topicAliasMaximum()));
        // called on whichever thread lets go of the client: only the actor ref is touched there
        Connection attached = connection;
        ActorRef<Command> self = getContext().getSelf();
        connection.throttle().onCongestionEnd(() -> self.tell(new Resume(attached)));
        subscriber.backlog().online();
        outboxChanged();
        return this;
    }

    private Behavior<Command> onDeliver(Deliver deliver) {
        subscriber.backlog().taken();
        PendingAck ack = deliver.ack();
        if (ack == PendingAck.NONE || journal == null) {
            outbox.enqueue(deliver.outgoing());
            outboxChanged();
            ack.done();
            return this;
        }
        int before = journal.pendingCount();
        outbox.enqueue(deliver.outgoing());
        if (journal.pendingCount() > before) {
            journal.hold(ack); // queued: acknowledged to the publisher once recorded
        } else {
            ack.done(); // not queued (No Local, queue full): nothing to wait for
        }
        outboxChanged();
        return this;
    }

    private Behavior<Command> onFlushJournal() {
        if (journal != null) {
            journal.flush();
        }
        return this;
    }

    private Behavior<Command> onJournalWritten(JournalWritten written) {
        if (journal != null) {
            journal.written(written.batch(), written.failure());
        }
        return this;
    }

    private Behavior<Command> onPublish(Publish publish) {
        return heldBack.keeps(publish, connection) ? this : handlePublish(publish);
    }

    private Behavior<Command> handlePublish(Publish publish) {
        if (publish.connection() == connection) {
            receiver.onPublish(connection, publish.publish());
        }
        publish.connection().throttle().publishHandled();
        return this;
    }

    private Behavior<Command> onPublishRecorded(PublishRecorded recorded) {
        if (connection != null) {
            receiver.recorded(connection, recorded.ack());
        }
        return this;
    }

    private Behavior<Command> onWritable(Writable writable) {
        if (writable.connection() == connection) {
            outbox.drain();
            outboxChanged();
        }
        return this;
    }

    private Behavior<Command> onPacket(Packet received) {
        return heldBack.keeps(received, connection) ? this : handlePacket(received);
    }

    private Behavior<Command> onResume(Resume resume) {
        return resume.connection() == connection ? handleHeldBack(false) : this;
    }

    /** Handles the packets held back, in order (see {@link HeldBackPackets#next}). */
    private Behavior<Command> handleHeldBack(boolean all) {
        Behavior<Command> next = this;
        Command held;
        while (next == this && (held = heldBack.next(connection, all)) != null) {
            next = held instanceof Publish publish ? handlePublish(publish) : handlePacket((Packet) held);
        }
        return next;
    }

    private Behavior<Command> handlePacket(Packet received) {
        if (received.connection() != connection) {
            return this; // from a connection that was taken over
        }
        MqttMessage packet = received.packet();
        switch (packet.fixedHeader().messageType()) {
            case PUBACK -> {
                outbox.acknowledged(packetId(packet));
                outboxChanged();
            }
            case PUBREC -> {
                outbox.received(packetId(packet), reasonCode(packet) < 0);
                outboxChanged();
            }
            case PUBCOMP -> {
                outbox.completed(packetId(packet));
                outboxChanged();
            }
            case PUBREL -> receiver.onPubRel(connection, packetId(packet));
            case SUBSCRIBE -> onSubscribe((MqttSubscribeMessage) packet);
            case UNSUBSCRIBE -> onUnsubscribe((MqttUnsubscribeMessage) packet);
            case DISCONNECT -> {
                return onDisconnect(packet);
            }
            default -> {
                getContext().getLog().info("Client {} sent unexpected {}: disconnecting.",
                        clientId, packet.fixedHeader().messageType());
                connection.disconnect(ReasonCodes.PROTOCOL_ERROR, "unexpected packet");
            }
        }
        return this;
    }

    private void onSubscribe(MqttSubscribeMessage packet) {
        SubscribeHandler.Result result =
                subscribeHandler.subscribe(subscriber, subscriptions, packet, connection.isMqtt5(),
                        connection.access());
        if (result.violation() != 0) {
            getContext().getLog().info("Client {} sent a bad SUBSCRIBE: disconnecting.", clientId);
            connection.disconnect(result.violation(), "bad SUBSCRIBE");
            return;
        }
        if (journal != null) {
            for (MqttTopicSubscription requested : packet.payload().topicSubscriptions()) {
                Subscription held = subscriptions.get(requested.topicFilter());
                journal.record(Subscribed.of(requested.topicFilter(), held.options()));
            }
        }
        CompletableFuture<Void> visible = services.router().subscriptionsVisible().toCompletableFuture();
        if (visible.isDone()) {
            answerSubscribe(result);
            return;
        }
        // in a cluster, the SUBACK waits until every node routes to the new subscription
        Connection current = connection;
        ActorRef<Command> self = getContext().getSelf();
        visible.whenComplete((ok, failure) -> self.tell(new SubscribeVisible(current, result)));
    }

    private Behavior<Command> onSubscribeVisible(SubscribeVisible visible) {
        if (visible.connection() == connection) {
            answerSubscribe(visible.result());
        }
        return this;
    }

    private void answerSubscribe(SubscribeHandler.Result result) {
        connection.send(result.ack());
        result.retained().forEach(outbox::enqueue);
    }

    private void onUnsubscribe(MqttUnsubscribeMessage packet) {
        connection.send(subscribeHandler.unsubscribe(subscriber, subscriptions, packet));
        if (journal != null) {
            packet.payload().topics().forEach(filter -> journal.record(new Unsubscribed(filter)));
        }
    }

    private Behavior<Command> onDisconnect(MqttMessage packet) {
        if (packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
            MqttProperties.MqttProperty<?> expiry =
                    header.properties().getProperty(MqttProperties.SESSION_EXPIRY_INTERVAL);
            if (expiry != null) {
                long requested = Integer.toUnsignedLong((Integer) expiry.value());
                if (sessionExpirySeconds == 0 && requested != 0) {
                    connection.disconnect(ReasonCodes.PROTOCOL_ERROR, "session expiry cannot be set after 0");
                    return connectionEnded();
                }
                sessionExpirySeconds = requested;
            }
            if (header.reasonCode() != ReasonCodes.DISCONNECT_WITH_WILL) {
                will = null;
            }
        } else {
            will = null;
        }
        getContext().getLog().info("Client {} disconnected.", clientId);
        connection.close();
        return connectionEnded();
    }

    private Behavior<Command> onConnectionLost(ConnectionLost lost) {
        if (lost.connection() != connection) {
            return this;
        }
        Behavior<Command> next = handleHeldBack(true); // what it sent before it went
        if (next != this || lost.connection() != connection) {
            return next;
        }
        getContext().getLog().info("Client {} closed its connection.", clientId);
        return connectionEnded();
    }

    /** The current connection is gone: publish or delay its will, then keep or end the session. */
    private Behavior<Command> connectionEnded() {
        connection = null;
        outbox.detach();
        subscriber.backlog().offline();
        // a clean stop waits until no client counts as connected; a will published now delays
        // that count until every durable session and the retained store have recorded it
        PendingAck willRecorded = null;
        if (will != null) {
            long delay = sessionExpirySeconds == 0 ? 0 : Math.min(will.delaySeconds(), sessionExpirySeconds);
            if (delay == 0) {
                willRecorded = new PendingAck(services.metrics()::clientDisconnected);
                receiver.publishWill(will.toMessage(System.currentTimeMillis()), willRecorded);
            } else {
                pendingWill = will;
                timers.startSingleTimer(WILL_TIMER, new WillDelayElapsed(), Duration.ofSeconds(delay));
                if (journal != null) {
                    journal.record(WillDelayed.of(will, System.currentTimeMillis() + delay * 1000));
                }
            }
            will = null;
        }
        Behavior<Command> next = sessionExpirySeconds == 0 ? endSession() : stayOffline();
        // counted last: by then the session has handed its last events to its journal
        if (willRecorded == null || willRecorded.release()) {
            services.metrics().clientDisconnected();
        }
        return next;
    }

    /** The session outlives its connection: record that, and let it expire in time. */
    private Behavior<Command> stayOffline() {
        if (journal != null) {
            journal.record(new ConnectionEnded(System.currentTimeMillis(), sessionExpirySeconds));
        }
        if (sessionExpirySeconds != ConnectRequest.NEVER) {
            timers.startSingleTimer(EXPIRY_TIMER, new ExpiryElapsed(), Duration.ofSeconds(sessionExpirySeconds));
        }
        return this;
    }

    private Behavior<Command> onWillDelayElapsed() {
        if (pendingWill != null) {
            publish(pendingWill);
            pendingWill = null;
            if (journal != null) {
                journal.record(new WillPublished());
            }
        }
        return this;
    }

    /**
     * The client connected again (here or on another node): its old connection is closed as taken
     * over, and its will is sent unless its delay lets the resumed session cancel it.
     */
    private void closeTakenOver(boolean newCleanStart) {
        connection.disconnect(ReasonCodes.SESSION_TAKEN_OVER, "session taken over");
        heldBack.drop();
        services.metrics().clientDisconnected();
        if (will != null && (will.delaySeconds() == 0 || newCleanStart)) {
            publish(will);
        }
        will = null;
        outbox.detach();
    }

    private Behavior<Command> onHandOver(HandOver handOver) {
        long now = System.currentTimeMillis();
        if (connection != null) {
            getContext().getLog().info("Client {} connected to another node: handing its session over.", clientId);
            closeTakenOver(handOver.cleanStart());
            connection = null;
            subscriber.backlog().offline();
            if (journal != null) {
                journal.record(new ConnectionEnded(now, sessionExpirySeconds));
            }
        } else if (pendingWill != null && handOver.cleanStart()) {
            publish(pendingWill); // the session ends with the new clean start
            if (journal != null) {
                journal.record(new WillPublished());
            }
        }
        pendingWill = null;
        timers.cancelAll();
        if (journal == null) {
            unsubscribeAll();
            handOver.done().run();
            return Behaviors.stopped();
        }
        // a resumed persistent session keeps its routes until the claimant's reach every node,
        // and passes on what still comes: a message routed here meanwhile is not lost
        ActorRef<Command> passTo = handOver.cleanStart() ? null : handOver.claimant();
        if (passTo == null) {
            unsubscribeAll();
        }
        subscriber.setDurable(false);
        ActorRef<org.apache.pekko.Done> written = getContext().messageAdapter(
                org.apache.pekko.Done.class, done -> new HandedOver(handOver.done()));
        journal.handOver(written);
        timers.startSingleTimer(HAND_OVER_TIMER, new HandOverTimedOut(), HAND_OVER_LIMIT);
        return new HandingOver(passTo).behavior();
    }

    private void unsubscribeAll() {
        // the session's subscriptions stay in its journal for the other node
        for (Subscription subscription : subscriptions.values()) {
            services.router().unsubscribe(subscriber, subscription.filter());
        }
    }

    /**
     * A session handing itself over to another node: it writes its journal up to date, then
     * passes what still reaches it to the claiming session ({@code passTo}; null: drops it, the
     * new connection started clean) until that one's routes reach every node; then it removes its
     * own routes and stops once they are gone everywhere and everything passed on is recorded.
     */
    private final class HandingOver {
        private final ActorRef<Command> passTo;
        private final Map<Long, PendingAck> passedOn = new HashMap<>();
        private long nextId;
        private boolean routesGone;

        HandingOver(ActorRef<Command> passTo) {
            this.passTo = passTo;
        }

        Behavior<Command> behavior() {
            return Behaviors.receive(Command.class)
                    .onMessage(HandedOver.class, handedOver -> {
                        journal.handedOverAcks().forEach(PendingAck::done);
                        handedOver.done().run();
                        return passTo == null ? stop() : Behaviors.same();
                    })
                    .onMessage(Deliver.class, deliver -> {
                        subscriber.backlog().taken();
                        if (passTo == null) {
                            deliver.ack().done();
                        } else {
                            long id = nextId++;
                            passedOn.put(id, deliver.ack());
                            passTo.tell(new LateDelivery(MessageQueued.of(deliver.outgoing()), id, getContext().getSelf()));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(LateRecorded.class, recorded -> {
                        PendingAck ack = passedOn.remove(recorded.id());
                        if (ack != null) {
                            ack.done();
                        }
                        return routesGone && passedOn.isEmpty() ? stop() : Behaviors.same();
                    })
                    .onMessage(Settled.class, settled -> {
                        // what other nodes forwarded here before they routed to the claimant
                        // still comes here: pass it on too, then stop being routed to
                        getContext().pipeToSelf(services.router().inFlightDelivered(),
                                (ok, failure) -> new Drained());
                        return Behaviors.same();
                    })
                    .onMessage(Drained.class, drained -> {
                        unsubscribeAll();
                        getContext().pipeToSelf(services.router().subscriptionsVisible(),
                                (ok, failure) -> new RoutesGone());
                        return Behaviors.same();
                    })
                    .onMessage(RoutesGone.class, gone -> {
                        routesGone = true;
                        return passedOn.isEmpty() ? stop() : Behaviors.same();
                    })
                    .onMessage(HandOverTimedOut.class, timedOut -> {
                        getContext().getLog().warn("Session {}: hand-over not settled within {}; {} messages passed"
                                + " on unconfirmed.", clientId, HAND_OVER_LIMIT, passedOn.size());
                        passedOn.values().forEach(PendingAck::done);
                        unsubscribeAll();
                        return stop();
                    })
                    .onMessage(Attach.class, attach -> {
                        attach.connection().disconnect(ReasonCodes.SESSION_TAKEN_OVER, "session moved to another node");
                        return Behaviors.same();
                    })
                    .onAnyMessage(other -> Behaviors.same())
                    .build();
        }

        private Behavior<Command> stop() {
            timers.cancel(HAND_OVER_TIMER);
            return Behaviors.stopped();
        }
    }

    private Behavior<Command> endSession() {
        if (connection != null || !registry.end(clientId, attachesSent, attachesSeen)) {
            return this; // a client is (re)connecting: the session lives on
        }
        if (pendingWill != null) {
            publish(pendingWill); // the will is sent when the session ends, at the latest
            pendingWill = null;
        }
        clearSession();
        stopJournal();
        return Behaviors.stopped();
    }

    /**
     * Starts, continues or stops recording the session as the new connection's session expiry
     * decides: only a session that outlives its connection is recorded (MQTT 5 session expiry
     * above 0, MQTT 3 clean session false), and only with {@code persistence true}.
     */
    private void recordAttach(boolean cleanStart) {
        boolean persistent = services.durable() && sessionExpirySeconds > 0;
        if (!persistent) {
            stopJournal();
            return;
        }
        if (journal == null) {
            journal = new SessionJournalWriter(getContext(),
                    getContext().spawnAnonymous(SessionJournal.create(clientId)), registry.busyJournals());
            // the whole current state, since an earlier connection may have left some
            journal.record(new SessionStarted(sessionExpirySeconds));
            subscriptions.forEach((filter, subscription) ->
                    journal.record(Subscribed.of(filter, subscription.options())));
            outbox.replayTo(journal);
            outbox.recordTo(journal);
            receiver.awaitingRelease().forEach(id -> journal.record(new Qos2PublishReceived(id)));
            receiver.recordTo(journal);
            subscriber.setDurable(true);
        } else if (cleanStart) {
            journal.record(new SessionStarted(sessionExpirySeconds));
        } else {
            journal.record(new SessionResumed(sessionExpirySeconds));
        }
    }

    /** The session is no longer recorded: its journal records the end and stops. */
    private void stopJournal() {
        if (journal == null) {
            return;
        }
        subscriber.setDurable(false);
        outbox.recordTo(io.starling.deliver.OutboxRecorder.NONE);
        receiver.recordTo(io.starling.publish.Qos2Recorder.NONE);
        journal.end(System.currentTimeMillis());
        journal = null;
    }

    private void restore(ActorRef<SessionJournal.Command> journalRef, SessionSnapshot recorded) {
        hasState = true;
        sessionExpirySeconds = recorded.expirySeconds();
        for (Subscribed subscribed : recorded.subscriptions()) {
            Subscription subscription = subscribed.toSubscription();
            services.router().subscribe(subscriber, subscription.filter(), subscription.options());
            subscriptions.put(subscribed.filter(), subscription);
        }
        for (StoredInflight inflight : recorded.inflight()) {
            outbox.restoreInflight(inflight.packetId(), inflight.message().toOutgoing(), inflight.pubrecReceived());
        }
        for (MessageQueued queued : recorded.queue()) {
            outbox.restoreQueued(queued.toOutgoing());
        }
        receiver.restoreAwaitingRelease(recorded.awaitingRelease());
        journal = new SessionJournalWriter(getContext(), journalRef, registry.busyJournals());
        outbox.recordTo(journal);
        receiver.recordTo(journal);
        subscriber.setDurable(true);
        long now = System.currentTimeMillis();
        long disconnectedAt = recorded.disconnectedAtMillis();
        if (disconnectedAt == 0) {
            // the node stopped while the client was connected: its expiry starts now
            disconnectedAt = now;
            journal.record(new ConnectionEnded(now, sessionExpirySeconds));
        }
        if (recorded.pendingWill() != null) {
            // a will that fell due while the node was down goes out shortly after start, once
            // every session is back and can receive it
            pendingWill = recorded.pendingWill().toWill();
            long due = Math.max(RESTORED_WILL_GRACE.toMillis(), recorded.pendingWill().dueAtMillis() - now);
            timers.startSingleTimer(WILL_TIMER, new WillDelayElapsed(), Duration.ofMillis(due));
        }
        if (sessionExpirySeconds != ConnectRequest.NEVER) {
            long left = Math.max(1, disconnectedAt + sessionExpirySeconds * 1000 - now);
            timers.startSingleTimer(EXPIRY_TIMER, new ExpiryElapsed(), Duration.ofMillis(left));
        }
    }

    private void publish(Will toPublish) {
        receiver.publishWill(toPublish.toMessage(System.currentTimeMillis()));
    }

    /** Tells the back-pressure count what waits in the outbox now (see {@link SessionSubscriber}). */
    private void outboxChanged() {
        subscriber.backlog().outboxChanged(outbox.queuedCount(), outbox.sentCount());
    }

    private void clearSession() {
        for (Subscription subscription : subscriptions.values()) {
            services.router().unsubscribe(subscriber, subscription.filter());
        }
        subscriptions.clear();
        outbox.clear();
        receiver.clear();
    }

    private static OutboundLimits limits(
            SessionSettings settings, int receiveMaximum, long maxPacketSize, int topicAliasMaximum) {
        int window = settings.maxInflightMessages() == 0
                ? receiveMaximum
                : Math.min(settings.maxInflightMessages(), receiveMaximum);
        return new OutboundLimits(window, settings.maxQueuedMessages(), settings.maxQueuedBytes(),
                maxPacketSize, topicAliasMaximum, settings.queueQos0Messages());
    }

    private static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }

    /** The MQTT 5 reason code of an ack, 0 for MQTT 3. */
    private static byte reasonCode(MqttMessage packet) {
        return packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply ? reply.reasonCode() : 0;
    }
}
