package io.starling.auth.dynsec.cluster;

import io.starling.auth.SecurityFileException;
import io.starling.auth.dynsec.DynamicSecurity;
import io.starling.auth.dynsec.DynsecFile;
import io.starling.auth.dynsec.Kicks;
import io.starling.route.cluster.ClusterMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Keeps this node's {@link DynamicSecurity} in step with the cluster's {@link DynsecEntity}: each
 * newer version it hears of is installed (saved to this node's file, so operators find Mosquitto's
 * file on every node, and this node's clients it concerns are disconnected). Versions only go
 * forward, so a change heard twice, or late, is ignored.
 *
 * <p>The entity sends each change to every replica registered with the Receptionist; a replica
 * that missed one (or a node that joins later) catches up by asking the entity for anything newer
 * at start and every {@link #POLL}.
 */
public final class DynsecReplica extends AbstractBehavior<DynsecReplica.Command> {

    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "dynamic-security-replica");
    static final Duration POLL = Duration.ofSeconds(3);

    public interface Command {
    }

    /** The cluster's state at {@code version}, and the clients to disconnect. */
    public record Changed(long version, String json, List<String> kickUsernames, boolean kickAnonymous)
            implements Command, ClusterMessage {

        static Changed of(DynsecChanged event) {
            return new Changed(event.version(), event.json(), event.kickUsernames(), event.kickAnonymous());
        }
    }

    /** The cluster's state is still at {@code version}. */
    public record Unchanged(long version) implements Command, ClusterMessage {
    }

    /** A change this node's endpoint received with its answer: installed before the answer goes out. */
    record Install(Changed change, CompletableFuture<Void> done) implements Command {
    }

    /** Completes {@code done} once this node has the cluster's state. */
    record AwaitSynced(CompletableFuture<Void> done) implements Command {
    }

    private record Poll() implements Command {
    }

    private final DynamicSecurity dynsec;
    private final RecipientRef<DynsecEntity.Command> entity;
    private final List<CompletableFuture<Void>> syncWaiters = new ArrayList<>();
    private long version;
    private boolean synced;

    /**
     * @param entity the cluster's entity (a sharding entity ref; an actor ref in tests)
     */
    public static Behavior<Command> create(DynamicSecurity dynsec, RecipientRef<DynsecEntity.Command> entity) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(new Poll(), POLL);
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
            return new DynsecReplica(context, dynsec, entity);
        }));
    }

    private DynsecReplica(ActorContext<Command> context, DynamicSecurity dynsec,
            RecipientRef<DynsecEntity.Command> entity) {
        super(context);
        this.dynsec = dynsec;
        this.entity = entity;
        poll();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Changed.class, changed -> {
                    install(changed);
                    return this;
                })
                .onMessage(Unchanged.class, unchanged -> {
                    if (unchanged.version() >= version) {
                        synced();
                    }
                    return this;
                })
                .onMessage(Install.class, install -> {
                    install(install.change());
                    install.done().complete(null);
                    return this;
                })
                .onMessage(AwaitSynced.class, await -> {
                    if (synced) {
                        await.done().complete(null);
                    } else {
                        syncWaiters.add(await.done());
                    }
                    return this;
                })
                .onMessage(Poll.class, poll -> {
                    poll();
                    return this;
                })
                .build();
    }

    private void poll() {
        entity.tell(new DynsecEntity.GetState(version, getContext().getSelf()));
    }

    private void install(Changed changed) {
        if (changed.version() <= version) {
            return;
        }
        try {
            dynsec.install(DynsecFile.parse(changed.json(), dynsec.file()),
                    new Kicks(new HashSet<>(changed.kickUsernames()), changed.kickAnonymous()));
        } catch (SecurityFileException e) {
            getContext().getLog().error("Cannot read the cluster's dynamic-security state {}: {}",
                    changed.version(), e.getMessage());
            return;
        }
        getContext().getLog().debug("Dynamic security at version {}.", changed.version());
        version = changed.version();
        synced();
    }

    private void synced() {
        synced = true;
        syncWaiters.forEach(done -> done.complete(null));
        syncWaiters.clear();
    }
}
