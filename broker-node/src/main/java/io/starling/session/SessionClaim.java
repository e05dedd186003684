package io.starling.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * How a session starts on a clustered node for a client id it does not hold: it claims the id from
 * the cluster ({@link SessionOwnership}), which makes the node holding it close that connection and
 * hand the session over, then reads the session from the shared journal (a persistent session
 * moves with its client), then becomes the {@link SessionActor}. Everything the session is sent
 * meanwhile, the connection's packets included, waits and is handled in order afterwards.
 */
final class SessionClaim {

    /** Messages kept while the claim runs: a client sends little before its CONNACK. */
    private static final int STASH = 10_000;

    private record Claimed(SessionOwnership.ClaimResult result) implements SessionActor.Command {
    }

    private record Loaded(ActorRef<SessionJournal.Command> journal, SessionSnapshot recorded, Throwable failure)
            implements SessionActor.Command {
    }

    private SessionClaim() {
    }

    static Behavior<SessionActor.Command> create(String clientId, SessionServices services, SessionRegistry registry,
            AtomicInteger attaches) {
        return Behaviors.withStash(STASH, stash -> Behaviors.setup(context -> Behaviors.receive(SessionActor.Command.class)
                .onMessage(SessionActor.Attach.class, attach -> {
                    context.pipeToSelf(
                            registry.ownership().claim(clientId, attach.request().cleanStart(), context.getSelf()),
                            (result, failure) -> new Claimed(failure != null
                                    ? SessionOwnership.ClaimResult.refused(failure.toString()) : result));
                    stash.stash(attach);
                    return claiming(context, stash, clientId, services, registry, attaches);
                })
                .onAnyMessage(other -> {
                    stash.stash(other);
                    return Behaviors.same();
                })
                .build()));
    }

    private static Behavior<SessionActor.Command> claiming(ActorContext<SessionActor.Command> context,
            StashBuffer<SessionActor.Command> stash, String clientId, SessionServices services,
            SessionRegistry registry, AtomicInteger attaches) {
        return Behaviors.receive(SessionActor.Command.class)
                .onMessage(Claimed.class, claimed -> {
                    SessionOwnership.ClaimResult result = claimed.result();
                    if (result.refusal() != null) {
                        return refuse(context, stash, clientId, registry, attaches, result.refusal());
                    }
                    registry.claimGranted(clientId, attaches);
                    if (!services.durable()) {
                        settle(services, result.previous());
                        return stash.unstashAll(SessionActor.create(clientId, services, registry, attaches));
                    }
                    ActorRef<SessionJournal.Command> journal =
                            context.spawnAnonymous(SessionJournal.create(clientId));
                    context.ask(SessionSnapshot.class, journal, SessionJournalWriter.WRITE_TIMEOUT,
                            SessionJournal.GetState::new,
                            (recorded, failure) -> new Loaded(journal, recorded, failure));
                    return loading(context, stash, clientId, services, registry, attaches, result.previous());
                })
                .onAnyMessage(other -> {
                    stash.stash(other);
                    return Behaviors.same();
                })
                .build();
    }

    private static Behavior<SessionActor.Command> loading(ActorContext<SessionActor.Command> context,
            StashBuffer<SessionActor.Command> stash, String clientId, SessionServices services,
            SessionRegistry registry, AtomicInteger attaches, ActorRef<SessionActor.Command> previous) {
        return Behaviors.receive(SessionActor.Command.class)
                .onMessage(Loaded.class, loaded -> {
                    if (loaded.failure() != null) {
                        context.stop(loaded.journal());
                        return refuse(context, stash, clientId, registry, attaches,
                                "cannot read the session: " + loaded.failure());
                    }
                    SessionSnapshot recorded = loaded.recorded();
                    long now = System.currentTimeMillis();
                    Behavior<SessionActor.Command> session;
                    if (!recorded.started()) {
                        // nothing recorded, or a session that ended: the journal is not needed
                        loaded.journal().tell(new SessionJournal.Stop());
                        session = stash.unstashAll(SessionActor.create(clientId, services, registry, attaches));
                    } else if (SessionRecovery.expired(recorded, now)) {
                        loaded.journal().tell(new SessionJournal.Record(List.of(new SessionEnded(now)),
                                context.getSystem().ignoreRef()));
                        loaded.journal().tell(new SessionJournal.Stop());
                        session = stash.unstashAll(SessionActor.create(clientId, services, registry, attaches));
                    } else {
                        // the restored session's subscriptions are routed now
                        session = stash.unstashAll(SessionActor.restored(
                                clientId, services, registry, attaches, loaded.journal(), recorded));
                    }
                    settle(services, previous);
                    return session;
                })
                .onAnyMessage(other -> {
                    stash.stash(other);
                    return Behaviors.same();
                })
                .build();
    }

    /**
     * Once this session's routes reach every node, the session that held the id before (on another
     * node) may stop passing on what reaches it: nothing is routed to it any more.
     */
    private static void settle(SessionServices services, ActorRef<SessionActor.Command> previous) {
        if (previous != null) {
            services.router().subscriptionsVisible().whenComplete((ok, failure) -> previous.tell(new SessionActor.Settled()));
        }
    }

    private static Behavior<SessionActor.Command> refuse(ActorContext<SessionActor.Command> context,
            StashBuffer<SessionActor.Command> stash, String clientId, SessionRegistry registry,
            AtomicInteger attaches, String reason) {
        context.getLog().warn("Client {} refused: the cluster did not grant its client id ({}).", clientId, reason);
        // every connection that came meanwhile gets the same answer
        List<SessionActor.Attach> attachesWaiting = new ArrayList<>();
        stash.forEach(message -> {
            if (message instanceof SessionActor.Attach a) {
                attachesWaiting.add(a);
            }
        });
        for (SessionActor.Attach attach : attachesWaiting) {
            attach.connection().send(ConnAcks.serverUnavailable(attach.request()));
            attach.connection().close();
        }
        registry.end(clientId, attaches, attaches.get());
        return Behaviors.stopped();
    }
}
