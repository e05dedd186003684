package io.starling.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private SessionRecovery() {
    }

    private record Recovered(String clientId, ActorRef<SessionJournal.Command> journal,
            CompletableFuture<SessionSnapshot> state) {
    }

    /** @throws IllegalStateException if the sessions cannot be read within {@code timeout} */
    public static int recover(ActorSystem<?> system, SessionRegistry registry, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            JdbcReadJournal readJournal = PersistenceQuery.get(system)
                    .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
            List<String> ids = readJournal.currentPersistenceIds()
                    .runWith(Sink.seq(), system)
                    .toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<Recovered> recovering = new ArrayList<>();
            int n = 0;
            for (String id : ids) {
                String clientId = SessionJournal.clientIdOf(id);
                if (clientId == null) {
                    continue;
                }
                ActorRef<SessionJournal.Command> journal = system.systemActorOf(
                        SessionJournal.create(clientId), "session-journal-" + (n++), Props.empty());
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
                if (!recorded.started()) {
                    r.journal().tell(new SessionJournal.Stop());
                } else if (expired(recorded, now)) {
                    r.journal().tell(new SessionJournal.Record(
                            List.of(new SessionEnded(now)), system.ignoreRef()));
                    r.journal().tell(new SessionJournal.Stop());
                } else {
                    registry.restore(r.clientId(), r.journal(), recorded);
                    restored++;
                }
            }
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

    static boolean expired(SessionSnapshot recorded, long nowMillis) {
        return recorded.expirySeconds() != ConnectRequest.NEVER
                && recorded.disconnectedAtMillis() != 0
                && nowMillis >= recorded.disconnectedAtMillis() + recorded.expirySeconds() * 1000;
    }
}
