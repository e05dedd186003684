package io.starling.session.owner;

import io.starling.route.cluster.ClusterMembership;
import io.starling.route.cluster.ClusterMessage;
import io.starling.session.SessionActor;
import io.starling.session.SessionOwnership;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The owner record of one client id: which node holds its session. One entity per client id,
 * sharded over the cluster, so that two nodes claiming the same id at the same moment are
 * answered one after the other: the second claim makes the first node hand the session over.
 *
 * <p>The record lives in memory. When it is new (first claim, or its node went and sharding
 * started it elsewhere) it asks every member whether it holds the id ({@link SessionHost.Locate})
 * before it answers anything, so a lost record never lets two nodes hold the same client.
 */
public final class SessionOwner {

    public static final EntityTypeKey<Command> KEY = EntityTypeKey.create(Command.class, "session-owner");

    /** How long a new record waits for the members to say whether they hold the id. */
    static final Duration LOCATE_TIMEOUT = Duration.ofSeconds(3);
    /** How long a claim waits for the holding node to hand the session over. */
    static final Duration TAKE_OVER_TIMEOUT = Duration.ofSeconds(15);
    /**
     * How often a claim waiting for an unreachable holder looks whether the cluster has downed it:
     * only then may another node resume the session (a node merely unreachable may still serve it).
     */
    static final Duration HOLDER_CHECK = Duration.ofMillis(500);
    private static final int STASH = 1000;

    public interface Command {
    }

    /**
     * {@code node} wants the id; answered with {@link Granted} or {@link Refused}. An adopting
     * claim ({@code adopt}) is for a session whose node was lost: it is granted only if no live
     * node holds the id, and never takes a session over.
     */
    public record Claim(String node, ActorRef<SessionHost.Command> host, boolean cleanStart, boolean adopt,
            ActorRef<SessionActor.Command> session, ActorRef<ClaimReply> replyTo) implements Command, ClusterMessage {
    }

    public interface ClaimReply {
    }

    /** @param previous the session that handed the id over, or null (see {@link SessionOwnership.ClaimResult}) */
    public record Granted(ActorRef<SessionActor.Command> previous) implements ClaimReply, ClusterMessage {
    }

    public record Refused(String reason) implements ClaimReply, ClusterMessage {
    }

    /**
     * {@code node} no longer holds the id: its session ended, or was handed over ({@code session},
     * which passes on what still reaches it; null when there was none).
     */
    public record Released(String clientId, String node, ActorRef<SessionActor.Command> session)
            implements Command, ClusterMessage {
    }

    /** A member's answer to {@link SessionHost.Locate}. */
    public record Located(String node, ActorRef<SessionHost.Command> host, boolean present)
            implements Command, ClusterMessage {
    }

    private record LocateTimedOut() implements Command {
    }

    private record TakeOverTimedOut() implements Command {
    }

    /** While a hand-over is awaited: has the holding node been lost meanwhile? */
    private record CheckHolder() implements Command {
    }

    private record Holder(String node, ActorRef<SessionHost.Command> host) {
    }

    private final String clientId;
    private final ActorContext<Command> context;
    private final StashBuffer<Command> stash;
    private final TimerScheduler<Command> timers;
    private Holder holder;

    private SessionOwner(String clientId, ActorContext<Command> context, StashBuffer<Command> stash,
            TimerScheduler<Command> timers) {
        this.clientId = clientId;
        this.context = context;
        this.stash = stash;
        this.timers = timers;
    }

    public static Behavior<Command> create(String clientId) {
        return Behaviors.withStash(STASH, stash -> Behaviors.setup(context -> Behaviors.withTimers(
                timers -> new SessionOwner(clientId, context, stash, timers).locating())));
    }

    /** Asks every member whether it holds the id; everything else waits. */
    private Behavior<Command> locating() {
        Set<String> waiting = new HashSet<>();
        ActorRefResolver resolver = ActorRefResolver.get(context.getSystem());
        // an unreachable member is not asked: it could not answer before it is downed, and every
        // new connection would wait for it meanwhile
        Set<Member> unreachable = Cluster.get(context.getSystem()).state().getUnreachable();
        for (Member member : Cluster.get(context.getSystem()).state().getMembers()) {
            if ((member.status() == MemberStatus.up() || member.status() == MemberStatus.weaklyUp())
                    && !unreachable.contains(member)) {
                Address address = member.address();
                ActorRef<SessionHost.Command> host = resolver.resolveActorRef(address + "/system/" + SessionHost.NAME);
                host.tell(new SessionHost.Locate(clientId, context.getSelf()));
                waiting.add(ClusterMembership.nodeName(address));
            }
        }
        timers.startSingleTimer(new LocateTimedOut(), LOCATE_TIMEOUT);
        return Behaviors.receive(Command.class)
                .onMessage(Located.class, located -> {
                    if (located.present()) {
                        holder = new Holder(located.node(), located.host());
                    }
                    waiting.remove(located.node());
                    return waiting.isEmpty() ? located() : Behaviors.same();
                })
                .onMessage(LocateTimedOut.class, timedOut -> {
                    context.getLog().warn("Client id {}: no answer from {} about its session.", clientId, waiting);
                    return located();
                })
                .onAnyMessage(other -> {
                    stash.stash(other);
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> located() {
        timers.cancelAll();
        return stash.unstashAll(idle());
    }

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(Claim.class, this::onClaim)
                .onMessage(Released.class, released -> {
                    if (holder != null && holder.node().equals(released.node())) {
                        holder = null;
                    }
                    return Behaviors.same();
                })
                .onAnyMessage(other -> Behaviors.same())
                .build();
    }

    private Behavior<Command> onClaim(Claim claim) {
        if (holder == null || holder.node().equals(claim.node()) || !isMember(holder.node())) {
            return grant(claim);
        }
        if (claim.adopt()) {
            claim.replyTo().tell(new Refused("held by node " + holder.node()));
            return Behaviors.same();
        }
        holder.host().tell(new SessionHost.TakeOver(clientId, claim.cleanStart(), claim.session(), context.getSelf()));
        timers.startSingleTimer(new TakeOverTimedOut(), TAKE_OVER_TIMEOUT);
        timers.startTimerWithFixedDelay(new CheckHolder(), HOLDER_CHECK);
        return Behaviors.receive(Command.class)
                .onMessage(Released.class, released -> {
                    if (!released.node().equals(holder.node())) {
                        return Behaviors.same();
                    }
                    timers.cancelAll();
                    return stash.unstashAll(grant(claim, released.session()));
                })
                .onMessage(CheckHolder.class, check -> {
                    if (isMember(holder.node())) {
                        return Behaviors.same();
                    }
                    timers.cancelAll();
                    return stash.unstashAll(grant(claim)); // the holder's node was downed: its session is free
                })
                .onMessage(TakeOverTimedOut.class, timedOut -> {
                    timers.cancelAll();
                    if (!isMember(holder.node())) {
                        return stash.unstashAll(grant(claim)); // its node is gone meanwhile
                    }
                    claim.replyTo().tell(new Refused("node " + holder.node() + " did not hand the session over"));
                    return stash.unstashAll(idle());
                })
                .onAnyMessage(other -> {
                    stash.stash(other);
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> grant(Claim claim) {
        return grant(claim, null);
    }

    private Behavior<Command> grant(Claim claim, ActorRef<SessionActor.Command> previous) {
        holder = new Holder(claim.node(), claim.host());
        claim.replyTo().tell(new Granted(previous));
        return idle();
    }

    /** Whether {@code node} is a member that may still hold sessions. */
    private boolean isMember(String node) {
        for (Member member : Cluster.get(context.getSystem()).state().getMembers()) {
            if (ClusterMembership.nodeName(member.address()).equals(node)) {
                MemberStatus status = member.status();
                return status != MemberStatus.down() && status != MemberStatus.removed();
            }
        }
        return false;
    }
}
