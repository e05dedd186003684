package io.starling.auth.dynsec.cluster;

import io.starling.publish.ControlEndpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code $CONTROL/dynamic-security/v1} on a node of a cluster: each request is applied by the
 * cluster's {@link DynsecEntity}, whose answer is published. A change is in force on this node
 * before the answer goes out (as on a node of its own), and on the other nodes shortly after.
 */
public final class ClusterDynsecEndpoint implements ControlEndpoints.Endpoint {

    private static final Logger log = LoggerFactory.getLogger(ClusterDynsecEndpoint.class);

    private final RecipientRef<DynsecEntity.Command> entity;
    private final ActorRef<DynsecReplica.Command> replica;
    private final Scheduler scheduler;
    private final Duration timeout;

    public ClusterDynsecEndpoint(RecipientRef<DynsecEntity.Command> entity, ActorRef<DynsecReplica.Command> replica,
            Scheduler scheduler, Duration timeout) {
        this.entity = entity;
        this.replica = replica;
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<byte[]> handle(ControlEndpoints.ControlRequest request) {
        CompletionStage<DynsecEntity.Applied> applied = AskPattern.ask(entity,
                replyTo -> new DynsecEntity.Apply(request.payload(), replyTo), timeout, scheduler);
        return applied.thenCompose(this::installHere)
                .thenApply(answer -> answer.response().getBytes(StandardCharsets.UTF_8))
                .exceptionally(e -> {
                    // as when Mosquitto's plugin does not answer: the client's own timeout reports it
                    log.warn("Dynamic-security request of client '{}' not answered by the cluster: {}",
                            request.clientId(), e.toString());
                    return null;
                });
    }

    private CompletionStage<DynsecEntity.Applied> installHere(DynsecEntity.Applied applied) {
        if (applied.change() == null) {
            return CompletableFuture.completedFuture(applied);
        }
        CompletableFuture<Void> installed = new CompletableFuture<>();
        replica.tell(new DynsecReplica.Install(applied.change(), installed));
        return installed.thenApply(done -> applied);
    }
}
