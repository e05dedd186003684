package io.starling.retain;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.starling.route.cluster.ClusterMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.SnapshotAdapter;

/**
 * One partition of a cluster's retained messages: the topics that hash to it (see
 * {@link #partitionOf}), recorded in the shared journal (persistence id {@code retained|N}). A
 * sharded entity, so each partition has one writer in the whole cluster and comes back on another
 * node when its node is lost. It numbers the changes it records; the nodes' copies
 * ({@link RetainedReplica}) apply them in that order.
 */
public final class RetainedPartition
        extends EventSourcedBehavior<RetainedPartition.Command, RetainedEvent, RetainedJournalState> {

    public static final EntityTypeKey<Command> KEY = EntityTypeKey.create(Command.class, "retained-partition");

    /**
     * How many partitions the topics are spread over. Part of the journal's layout (the persistence
     * ids): changing it makes the recorded retained messages unreachable.
     */
    public static final int COUNT = 32;
    static final int EVENTS_BETWEEN_SNAPSHOTS = 1_000;
    /** A state chunk stays well below Artery's frame size (node/cluster.conf). */
    static final int CHUNK_BYTES = 256 * 1024;

    public interface Command {
    }

    /** Records {@code events} (one write) and answers with their numbers. */
    public record Record(long writeId, @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) List<RetainedEvent> events,
            ActorRef<RetainedReplica.Command> replyTo) implements Command, ClusterMessage {
    }

    /** Sends every message of the partition, in chunks. */
    public record SendState(ActorRef<RetainedReplica.Command> replyTo) implements Command, ClusterMessage {
    }

    /** Answers with the number of the last change. */
    public record GetSeq(ActorRef<RetainedReplica.Command> replyTo) implements Command, ClusterMessage {
    }

    public static int partitionOf(String topic) {
        return Math.floorMod(topic.hashCode(), COUNT);
    }

    private final int partition;
    private final ActorContext<Command> context;

    private RetainedPartition(int partition, ActorContext<Command> context) {
        super(PersistenceId.ofUniqueId("retained|" + partition),
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
        this.partition = partition;
        this.context = context;
    }

    public static Behavior<Command> create(int partition) {
        return Behaviors.setup(context -> new RetainedPartition(partition, context));
    }

    @Override
    public RetainedJournalState emptyState() {
        return new RetainedJournalState(System.currentTimeMillis());
    }

    @Override
    public CommandHandler<Command, RetainedEvent, RetainedJournalState> commandHandler() {
        return newCommandHandlerBuilder()
                .forAnyState()
                .onCommand(Record.class, (state, record) -> {
                    long before = lastSequenceNumber(context);
                    return Effect().persist(record.events()).thenReply(record.replyTo(),
                            s -> new RetainedReplica.Recorded(record.writeId(), partition, before,
                                    lastSequenceNumber(context), record.events()));
                })
                .onCommand(SendState.class, (state, send) -> {
                    sendState(state, send.replyTo());
                    return Effect().none();
                })
                .onCommand(GetSeq.class, (state, get) -> Effect().reply(get.replyTo(),
                        new RetainedReplica.PartitionSeq(partition, lastSequenceNumber(context))))
                .build();
    }

    private void sendState(RetainedJournalState state, ActorRef<RetainedReplica.Command> to) {
        long seq = lastSequenceNumber(context);
        List<StoredMessage> chunk = new ArrayList<>();
        int bytes = 0;
        int index = 0;
        for (StoredMessage message : state.messages()) {
            int size = message.topic().length() + message.payload().length + 64;
            if (bytes + size > CHUNK_BYTES && !chunk.isEmpty()) {
                to.tell(new RetainedReplica.PartitionState(partition, seq, index++, chunk, false));
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(message);
            bytes += size;
        }
        to.tell(new RetainedReplica.PartitionState(partition, seq, index, chunk, true));
    }

    @Override
    public EventHandler<RetainedJournalState, RetainedEvent> eventHandler() {
        return (state, event) -> state.apply(event);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(EVENTS_BETWEEN_SNAPSHOTS, 2).withDeleteEventsOnSnapshot();
    }

    @Override
    public SnapshotAdapter<RetainedJournalState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(RetainedJournalState state) {
                return state.snapshot(System.currentTimeMillis());
            }

            @Override
            public RetainedJournalState fromJournal(Object from) {
                return RetainedJournalState.of((RetainedSnapshot) from, System.currentTimeMillis());
            }
        };
    }
}
