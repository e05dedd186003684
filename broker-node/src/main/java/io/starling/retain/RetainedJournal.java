package io.starling.retain;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of the node's retained messages: one event per change, and now and then a
 * snapshot of them all. {@link RetainedMessages} keeps the copy that subscribers read; this actor
 * only writes, and reads the record back at start-up.
 *
 * <p>Snapshots mirror Mosquitto's autosave. Mosquitto saves its whole database every
 * {@code autosave_interval} seconds, or every {@code autosave_interval} changes with
 * {@code autosave_on_changes}; here every change is already durable, so the autosave options only
 * decide when a snapshot shortens the replay at the next start:
 * <ul>
 *   <li>{@code autosave_on_changes true}: a snapshot every {@code autosave_interval} changes;
 *   <li>otherwise a snapshot with the first change after {@code autosave_interval} seconds, and in
 *       any case every {@value #EVENTS_BETWEEN_SNAPSHOTS} changes, which bounds start-up replay and
 *       the journal's size when retained messages change often. A snapshot copies every retained
 *       message, so it is not taken more often than that.
 * </ul>
 * The count-based snapshots keep the last {@value #SNAPSHOTS_KEPT} snapshots and delete the events
 * and snapshots before them, so the journal does not grow without end.
 *
 * <p>One entity per node for now (persistence id {@code retained}).
 */
public final class RetainedJournal
        extends EventSourcedBehavior<RetainedJournal.Command, RetainedEvent, RetainedJournalState> {

    private static final Logger log = LoggerFactory.getLogger(RetainedJournal.class);

    public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("retained");
    static final int EVENTS_BETWEEN_SNAPSHOTS = 10_000;
    private static final int SNAPSHOTS_KEPT = 2;

    /** What the journal is asked to do. Local only: never serialized. */
    public sealed interface Command permits Record, GetRetained {
    }

    /** Records {@code events} in this order, in one write, and then replies. */
    public record Record(List<RetainedEvent> events, ActorRef<Done> replyTo) implements Command {
    }

    /** Replies with every recorded retained message (after recovery, as every command). */
    public record GetRetained(ActorRef<Retained> replyTo) implements Command {
    }

    public record Retained(List<StoredMessage> messages) {
    }

    /**
     * Mosquitto's autosave options.
     *
     * @param interval  {@code autosave_interval}: seconds, or changes when {@code onChanges}; 0 = none
     * @param onChanges {@code autosave_on_changes}
     */
    public record Autosave(long interval, boolean onChanges) {
    }

    private final Autosave autosave;
    private final LongSupplier clock;

    private RetainedJournal(PersistenceId id, Autosave autosave, LongSupplier clock) {
        // a failed write or recovery restarts the actor (which recovers again) instead of stopping it
        super(id, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
        this.autosave = autosave;
        this.clock = clock;
    }

    public static Behavior<Command> create(Autosave autosave) {
        return create(autosave, System::currentTimeMillis);
    }

    /** With a clock of wall-clock milliseconds, for tests of the time-based autosave. */
    static Behavior<Command> create(Autosave autosave, LongSupplier clock) {
        return new RetainedJournal(PERSISTENCE_ID, autosave, clock);
    }

    @Override
    public RetainedJournalState emptyState() {
        return new RetainedJournalState(clock.getAsLong());
    }

    @Override
    public CommandHandler<Command, RetainedEvent, RetainedJournalState> commandHandler() {
        return newCommandHandlerBuilder()
                .forAnyState()
                .onCommand(Record.class, (state, record) -> record.events().isEmpty()
                        ? Effect().reply(record.replyTo(), Done.getInstance())
                        : Effect().persist(record.events()).thenReply(record.replyTo(), s -> Done.getInstance()))
                .onCommand(GetRetained.class,
                        (state, get) -> Effect().reply(get.replyTo(), new Retained(state.messages())))
                .build();
    }

    @Override
    public EventHandler<RetainedJournalState, RetainedEvent> eventHandler() {
        return (state, event) -> state.apply(event);
    }

    @Override
    public SignalHandler<RetainedJournalState> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(),
                        state -> log.info("Recovered {} retained messages from the journal.", state.size()))
                .build();
    }

    @Override
    public boolean shouldSnapshot(RetainedJournalState state, RetainedEvent event, long sequenceNr) {
        if (autosave.onChanges() || autosave.interval() <= 0) {
            return false; // counted by retentionCriteria
        }
        return state.snapshotDue(clock.getAsLong(), Duration.ofSeconds(autosave.interval()).toMillis());
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        int every = autosave.onChanges() && autosave.interval() > 0
                ? (int) Math.min(autosave.interval(), Integer.MAX_VALUE)
                : EVENTS_BETWEEN_SNAPSHOTS;
        return RetentionCriteria.snapshotEvery(every, SNAPSHOTS_KEPT).withDeleteEventsOnSnapshot();
    }

    @Override
    public SnapshotAdapter<RetainedJournalState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(RetainedJournalState state) {
                return state.snapshot(clock.getAsLong()); // a copy: the snapshot store serializes it later
            }

            @Override
            public RetainedJournalState fromJournal(Object from) {
                return RetainedJournalState.of((RetainedSnapshot) from, clock.getAsLong());
            }
        };
    }
}
