package io.starling.auth.dynsec.cluster;

import io.starling.auth.dynsec.DynamicSecurity;
import io.starling.publish.ControlEndpoints;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Dynamic security on a node of a cluster: starts the sharded {@link DynsecEntity} here and this
 * node's {@link DynsecReplica}, and waits until the node has the cluster's state (so that no
 * client is checked against an older file).
 */
public final class DynsecReplication {

    static final String REPLICA_NAME = "dynamic-security-replica";
    /** How long a request waits for the cluster's answer. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private DynsecReplication() {
    }

    /** Returns the node's {@code $CONTROL/dynamic-security/v1} endpoint, once the node is in step. */
    public static ControlEndpoints.Endpoint start(ActorSystem<?> system, ClusterSharding sharding,
            DynamicSecurity dynsec, Duration syncTimeout) {
        sharding.init(Entity.of(DynsecEntity.KEY, entity -> DynsecEntity.create(dynsec::state)));
        EntityRef<DynsecEntity.Command> entity = sharding.entityRefFor(DynsecEntity.KEY, DynsecEntity.ENTITY_ID);
        ActorRef<DynsecReplica.Command> replica =
                system.systemActorOf(DynsecReplica.create(dynsec, entity), REPLICA_NAME, Props.empty());
        CompletableFuture<Void> synced = new CompletableFuture<>();
        replica.tell(new DynsecReplica.AwaitSynced(synced));
        try {
            synced.get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the cluster's dynamic security", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the cluster's dynamic security within " + syncTimeout, e);
        }
        return new ClusterDynsecEndpoint(entity, replica, system.scheduler(), REQUEST_TIMEOUT);
    }
}
