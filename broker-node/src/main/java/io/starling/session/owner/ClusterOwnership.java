package io.starling.session.owner;

import io.starling.session.SessionActor;
import io.starling.session.SessionOwnership;
import io.starling.session.SessionRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Client ids in a cluster: claimed from their {@link SessionOwner} record, which Cluster Sharding
 * keeps on one node of the cluster.
 */
public final class ClusterOwnership implements SessionOwnership {

    /**
     * How long one try of a claim waits. A claim sent just before the node holding the owner record
     * was lost is lost with it; it is sent again (the record answers a repeated claim alike), and
     * after {@link #CLAIM_TRIES} tries it is refused (CONNACK "server unavailable"): the client retries.
     */
    static final Duration CLAIM_TRY = Duration.ofSeconds(6);
    static final int CLAIM_TRIES = 4;

    private final ClusterSharding sharding;
    private final String node;
    /** Set once the node's {@link SessionHost} runs, before any client can connect. */
    private volatile ActorRef<SessionHost.Command> host;

    /** @param node this node's name ("host:port") */
    public ClusterOwnership(ClusterSharding sharding, String node) {
        this.sharding = sharding;
        this.node = node;
    }

    /**
     * Starts this node's {@link SessionHost} for {@code registry} (which uses this ownership, so
     * the host comes second).
     */
    public void serve(ActorSystem<?> system, SessionRegistry registry) {
        host = system.systemActorOf(SessionHost.create(node, registry), SessionHost.NAME, Props.empty());
    }

    @Override
    public CompletionStage<ClaimResult> claim(String clientId, boolean cleanStart,
            ActorRef<SessionActor.Command> session) {
        return tryClaim(clientId, cleanStart, false, session, 1);
    }

    /**
     * Claims a session whose node was lost, to bring it back here (see {@link SessionAdoption});
     * refused when a live node holds it.
     */
    public CompletionStage<String> adopt(String clientId) {
        return tryClaim(clientId, false, true, null, 1).thenApply(ClaimResult::refusal);
    }

    private CompletionStage<ClaimResult> tryClaim(String clientId, boolean cleanStart, boolean adopt,
            ActorRef<SessionActor.Command> session, int attempt) {
        return sharding.entityRefFor(SessionOwner.KEY, clientId)
                .<SessionOwner.ClaimReply>ask(
                        replyTo -> new SessionOwner.Claim(node, host, cleanStart, adopt, session, replyTo), CLAIM_TRY)
                .handle((reply, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(reply instanceof SessionOwner.Granted granted
                                ? ClaimResult.granted(granted.previous())
                                : ClaimResult.refused(((SessionOwner.Refused) reply).reason()));
                    }
                    if (attempt >= CLAIM_TRIES) {
                        return CompletableFuture.completedFuture(
                                ClaimResult.refused("no answer from the owner record: " + failure));
                    }
                    return tryClaim(clientId, cleanStart, adopt, session, attempt + 1);
                })
                .thenCompose(next -> next);
    }

    @Override
    public void released(String clientId) {
        sharding.entityRefFor(SessionOwner.KEY, clientId).tell(new SessionOwner.Released(clientId, node, null));
    }
}
