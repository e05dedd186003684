package io.starling.session;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The durable record of one persistent session (persistence id {@code session|<clientId>}). The
 * {@link SessionActor} stays the live owner of the session's state and sends this journal batches
 * of {@link SessionEvent}s (one batch at a time, see {@link SessionJournalWriter}); the journal
 * only writes them, and gives the recorded state back when a node starts
 * ({@link SessionRecovery}).
 *
 * <p>A batch of several events is stored as one entry ({@link EventsRecorded}). Every
 * {@value #WRITES_BETWEEN_SNAPSHOTS} entries a snapshot of the whole session is taken and the
 * entries before it are deleted, so a busy session's journal stays short. An ended session is
 * snapshotted as empty at once, so a restart reads one small snapshot for it.
 */
public final class SessionJournal extends EventSourcedBehavior<SessionJournal.Command, SessionEvent, SessionJournalState> {

    static final String PREFIX = "session|";
    static final int WRITES_BETWEEN_SNAPSHOTS = 100;

    /** Local only: never serialized. */
    public sealed interface Command permits Record, GetState, Stop {
    }

    /** Records {@code events} in this order, in one write, then replies. */
    public record Record(List<SessionEvent> events, ActorRef<Done> replyTo) implements Command {
    }

    /** Replies with the recorded state (after recovery, as every command). */
    public record GetState(ActorRef<SessionSnapshot> replyTo) implements Command {
    }

    /** Stops the journal after the writes asked for before. */
    public record Stop() implements Command {
    }

    public static PersistenceId persistenceId(String clientId) {
        return PersistenceId.ofUniqueId(PREFIX + clientId);
    }

    /** The client id of a session persistence id, or null when {@code persistenceId} is not a session's. */
    static String clientIdOf(String persistenceId) {
        return persistenceId.startsWith(PREFIX) ? persistenceId.substring(PREFIX.length()) : null;
    }

    public static Behavior<Command> create(String clientId) {
        return new SessionJournal(persistenceId(clientId));
    }

    private SessionJournal(PersistenceId id) {
        // a failed write or recovery restarts the journal (which recovers again); the session's
        // writer sends the batch again when its reply does not come
        super(id, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    }

    @Override
    public SessionJournalState emptyState() {
        return new SessionJournalState();
    }

    @Override
    public CommandHandler<Command, SessionEvent, SessionJournalState> commandHandler() {
        return newCommandHandlerBuilder()
                .forAnyState()
                .onCommand(Record.class, (state, record) -> record.events().isEmpty()
                        ? Effect().reply(record.replyTo(), Done.getInstance())
                        : Effect().persist(entry(record.events())).thenReply(record.replyTo(), s -> Done.getInstance()))
                .onCommand(GetState.class, (state, get) -> Effect().reply(get.replyTo(), state.snapshot()))
                .onCommand(Stop.class, (state, stop) -> Effect().stop())
                .build();
    }

    private static SessionEvent entry(List<SessionEvent> events) {
        return events.size() == 1 ? events.get(0) : new EventsRecorded(events);
    }

    @Override
    public EventHandler<SessionJournalState, SessionEvent> eventHandler() {
        return (state, event) -> state.apply(event);
    }

    @Override
    public boolean shouldSnapshot(SessionJournalState state, SessionEvent event, long sequenceNr) {
        return event instanceof SessionEnded || event instanceof EventsRecorded batch && batch.endsSession();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(WRITES_BETWEEN_SNAPSHOTS, 2).withDeleteEventsOnSnapshot();
    }

    @Override
    public SnapshotAdapter<SessionJournalState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(SessionJournalState state) {
                return state.snapshot(); // a copy: the snapshot store serializes it later
            }

            @Override
            public SessionJournalState fromJournal(Object from) {
                return SessionJournalState.of((SessionSnapshot) from);
            }
        };
    }
}
