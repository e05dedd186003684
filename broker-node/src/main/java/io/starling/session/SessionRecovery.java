package io.starling.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the persistent sessions back at node start, before any listener opens: lists the session
 * persistence ids with the JDBC read journal, recovers each {@link SessionJournal} (all at once;
 * the connection pool bounds the parallel reads) and registers every live session in the
 * {@link SessionRegistry}. Sessions that ended, or expired while the node was down, are ended in
 * the journal and not brought back.
 */
public final class SessionRecovery {

    private static final Logger log = LoggerFactory.getLogger(SessionRecovery.class);

    /** Numbers the journal actors' names: recoveries may run more than once in a cluster. */
    private static final AtomicLong JOURNALS = new AtomicLong();

    private SessionRecovery() {
    }

    private record Recovered(String clientId, ActorRef<SessionJournal.Command> journal,
            CompletableFuture<SessionSnapshot> state) {
    }

    /** @throws IllegalStateException if the sessions cannot be read within {@code timeout} */
    public static int recover(ActorSystem<?> system, SessionRegistry registry, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            int restored = restore(system, registry, recordedClientIds(system, timeout), deadline, false);
            log.info("Recovered {} persistent sessions from the journal.", restored);
            return restored;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the persistent sessions", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot read the persistent sessions from the journal: " + cause, cause);
        }
    }

    /**
     * In a cluster: brings the persistent sessions that no live node holds (their node was lost,
     * or the whole cluster restarted) back on this node, offline, their subscriptions routed. Each
     * is claimed first with {@code adopt}, which the cluster grants only for a session nobody holds.
     * Blocking: run it off the actors' threads.
     *
     * @return how many sessions were brought back
     */
    public static int adopt(ActorSystem<?> system, SessionRegistry registry,
            Function<String, CompletionStage<String>> adopt, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, CompletableFuture<String>> claims = new LinkedHashMap<>();
        for (String clientId : recordedClientIds(system, timeout)) {
            if (!registry.contains(clientId)) {
                claims.put(clientId, adopt.apply(clientId).toCompletableFuture());
            }
        }
        List<String> granted = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<String>> claim : claims.entrySet()) {
            long left = Math.max(1, deadline - System.nanoTime());
            try {
                if (claim.getValue().get(left, TimeUnit.NANOSECONDS) == null) {
                    granted.add(claim.getKey());
                }
            } catch (ExecutionException e) {
                log.warn("Session {} not adopted: {}", claim.getKey(), e.getCause().toString());
            }
        }
        return restore(system, registry, granted, deadline, true);
    }

    private static List<String> recordedClientIds(ActorSystem<?> system, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        JdbcReadJournal readJournal = PersistenceQuery.get(system)
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        List<String> ids = readJournal.currentPersistenceIds()
                .runWith(Sink.seq(), system)
                .toCompletableFuture()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> clientIds = new ArrayList<>();
        for (String id : ids) {
            String clientId = SessionJournal.clientIdOf(id);
            if (clientId != null) {
                clientIds.add(clientId);
            }
        }
        return clientIds;
    }

    /**
     * Reads the sessions of {@code clientIds} (all at once; the connection pool bounds the parallel
     * reads) and registers the live ones; with {@code claimed}, the others' claims are given back.
     */
    private static int restore(ActorSystem<?> system, SessionRegistry registry, List<String> clientIds,
            long deadline, boolean claimed) throws InterruptedException, ExecutionException, TimeoutException {
        List<Recovered> recovering = new ArrayList<>();
        Duration timeout = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        for (String clientId : clientIds) {
            ActorRef<SessionJournal.Command> journal = system.systemActorOf(SessionJournal.create(clientId),
                    "session-journal-" + JOURNALS.incrementAndGet(), Props.empty());
            CompletableFuture<SessionSnapshot> state = AskPattern.<SessionJournal.Command, SessionSnapshot>ask(
                            journal, SessionJournal.GetState::new, timeout, system.scheduler())
                    .toCompletableFuture();
            recovering.add(new Recovered(clientId, journal, state));
        }
        long now = System.currentTimeMillis();
        int restored = 0;
        for (Recovered r : recovering) {
            long left = Math.max(1, deadline - System.nanoTime());
            SessionSnapshot recorded = r.state().get(left, TimeUnit.NANOSECONDS);
            if (!recorded.started() || expired(recorded, now)) {
                if (recorded.started()) {
                    r.journal().tell(new SessionJournal.Record(List.of(new SessionEnded(now)), system.ignoreRef()));
                }
                r.journal().tell(new SessionJournal.Stop());
                if (claimed) {
                    registry.ownership().released(r.clientId());
                }
            } else if (registry.restore(r.clientId(), r.journal(), recorded)) {
                restored++;
            } else {
                r.journal().tell(new SessionJournal.Stop()); // its client came back here meanwhile
            }
        }
        return restored;
    }

    static boolean expired(SessionSnapshot recorded, long nowMillis) {
        return recorded.expirySeconds() != ConnectRequest.NEVER
                && recorded.disconnectedAtMillis() != 0
                && nowMillis >= recorded.disconnectedAtMillis() + recorded.expirySeconds() * 1000;
    }
}
