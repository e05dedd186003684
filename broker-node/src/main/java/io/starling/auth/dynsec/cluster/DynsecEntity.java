package io.starling.auth.dynsec.cluster;

import io.starling.auth.dynsec.CommandOutcome;
import io.starling.auth.dynsec.DynsecCommands;
import io.starling.auth.dynsec.DynsecFile;
import io.starling.auth.dynsec.DynsecState;
import io.starling.auth.dynsec.Kicks;
import io.starling.route.cluster.ClusterMessage;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The cluster's one authoritative dynamic-security state (persistence id {@code dynamic-security}):
 * a sharded entity, so every {@code $CONTROL/dynamic-security/v1} request of every node is applied
 * here, one at a time, as Mosquitto's plugin applies them, and it comes back on another node when
 * its node is lost.
 *
 * <p>A change Mosquitto would save is recorded as the whole new state ({@link DynsecChanged}) and
 * sent to every node's {@link DynsecReplica}, which puts it in force there. Replicas are found
 * through the Receptionist and through their polls: the Receptionist's list spreads by gossip and
 * lags a second or two behind a node that just started, while its replica polls at once.
 *
 * <p>On its very first start (empty journal) the state is taken from the file of the node where
 * the entity starts, and recorded as version 1 before anything else.
 */
public final class DynsecEntity extends EventSourcedBehavior<DynsecEntity.Command, DynsecChanged, SharedState> {

    public static final EntityTypeKey<Command> KEY = EntityTypeKey.create(Command.class, "dynamic-security");
    /** The only entity of {@link #KEY}. */
    public static final String ENTITY_ID = "dynamic-security";
    static final int CHANGES_BETWEEN_SNAPSHOTS = 100;
    /** A replica that has not polled for this long is gone (its node left, or its poll is lost). */
    static final long POLLER_FORGOTTEN_NANOS = DynsecReplica.POLL.multipliedBy(3).toNanos();

    public interface Command {
    }

    /** One request's payload; answered with {@link Applied} once its change (if any) is recorded. */
    public record Apply(byte[] payload, ActorRef<Applied> replyTo) implements Command, ClusterMessage {
    }

    /**
     * What a request did: the response to publish and, when it changed the state, the change
     * (null otherwise), which the asking node puts in force before it answers.
     */
    public record Applied(String response, DynsecReplica.Changed change) implements ClusterMessage {
    }

    /** A replica that has applied up to {@code knownVersion} asks for what came after. */
    public record GetState(long knownVersion, ActorRef<DynsecReplica.Command> replyTo)
            implements Command, ClusterMessage {
    }

    private record ReplicasListed(Set<ActorRef<DynsecReplica.Command>> replicas) implements Command {
    }

    private final Supplier<DynsecState> seed;
    private final SecureRandom random = new SecureRandom();
    private Set<ActorRef<DynsecReplica.Command>> replicas = Set.of();
    /** Replicas that polled lately, by the time of their last poll (System.nanoTime). */
    private final Map<ActorRef<DynsecReplica.Command>, Long> pollers = new HashMap<>();

    private DynsecEntity(Supplier<DynsecState> seed) {
        super(PersistenceId.ofUniqueId(ENTITY_ID),
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
        this.seed = seed;
    }

    /**
     * @param seed the state to start from when nothing is recorded yet: this node's file
     */
    public static Behavior<Command> create(Supplier<DynsecState> seed) {
        return Behaviors.setup(context -> {
            subscribeToReplicas(context);
            return new DynsecEntity(seed);
        });
    }

    private static void subscribeToReplicas(ActorContext<Command> context) {
        ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class,
                listing -> new ReplicasListed(listing.getServiceInstances(DynsecReplica.KEY)));
        context.getSystem().receptionist().tell(Receptionist.subscribe(DynsecReplica.KEY, listings));
    }

    @Override
    public SharedState emptyState() {
        return SharedState.NOTHING_RECORDED;
    }

    @Override
    public CommandHandler<Command, DynsecChanged, SharedState> commandHandler() {
        return newCommandHandlerBuilder()
                .forAnyState()
                .onCommand(Apply.class, this::onApply)
                .onCommand(GetState.class, this::onGetState)
                .onCommand(ReplicasListed.class, (state, listed) -> {
                    replicas = listed.replicas();
                    return Effect().none();
                })
                .build();
    }

    private Effect<DynsecChanged, SharedState> onApply(SharedState state, Apply apply) {
        List<DynsecChanged> events = new ArrayList<>();
        long version = state.version();
        DynsecState current = state.state();
        if (!state.recorded()) {
            current = seed.get();
            events.add(new DynsecChanged(++version, DynsecFile.format(current), List.of(), false));
        }
        CommandOutcome outcome = DynsecCommands.apply(current, apply.payload(), random);
        if (outcome.saved()) {
            Kicks kicks = outcome.kicks();
            events.add(new DynsecChanged(++version, DynsecFile.format(outcome.state()),
                    List.copyOf(kicks.usernames()), kicks.anonymous()));
        }
        if (events.isEmpty()) {
            return Effect().reply(apply.replyTo(), new Applied(outcome.response(), null));
        }
        DynsecChanged last = events.get(events.size() - 1);
        DynsecReplica.Changed change = DynsecReplica.Changed.of(last);
        return Effect().persist(events)
                .thenRun(s -> recipients().forEach(replica -> replica.tell(change)))
                .thenReply(apply.replyTo(), s -> new Applied(outcome.response(), change));
    }

    /** The replicas to send a change to: those listed, and those that polled within a few polls. */
    private Set<ActorRef<DynsecReplica.Command>> recipients() {
        long now = System.nanoTime();
        pollers.values().removeIf(at -> now - at > POLLER_FORGOTTEN_NANOS);
        Set<ActorRef<DynsecReplica.Command>> all = new HashSet<>(replicas);
        all.addAll(pollers.keySet());
        return all;
    }

    private Effect<DynsecChanged, SharedState> onGetState(SharedState state, GetState get) {
        pollers.put(get.replyTo(), System.nanoTime());
        if (!state.recorded()) {
            // record the seed first, so that every node installs the same state even if the
            // entity moves to a node whose file differs
            DynsecChanged seeded = new DynsecChanged(1, DynsecFile.format(seed.get()), List.of(), false);
            return Effect().persist(seeded)
                    .thenReply(get.replyTo(), s -> DynsecReplica.Changed.of(seeded));
        }
        if (state.version() <= get.knownVersion()) {
            return Effect().reply(get.replyTo(), new DynsecReplica.Unchanged(state.version()));
        }
        // a node that starts (knows nothing) has no clients to disconnect yet
        Kicks kicks = get.knownVersion() == 0 ? Kicks.NONE : state.kicksSince(get.knownVersion());
        return Effect().reply(get.replyTo(), new DynsecReplica.Changed(state.version(), state.json(),
                List.copyOf(kicks.usernames()), kicks.anonymous()));
    }

    @Override
    public EventHandler<SharedState, DynsecChanged> eventHandler() {
        return SharedState::apply;
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(CHANGES_BETWEEN_SNAPSHOTS, 2).withDeleteEventsOnSnapshot();
    }

    @Override
    public SnapshotAdapter<SharedState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(SharedState state) {
                return state.snapshot();
            }

            @Override
            public SharedState fromJournal(Object from) {
                return SharedState.of((DynsecSnapshot) from);
            }
        };
    }
}
