package io.starling.sys;

import io.starling.mqtt.Message;
import io.starling.node.Version;
import io.starling.retain.RetainedMessages;
import io.starling.route.Router;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Cancellable;

/**
 * Publishes Mosquitto's {@code $SYS/broker/...} topics every {@code sys_interval}, as retained
 * messages so that a new subscriber sees the latest values at once. A value is published only
 * when it changed, as Mosquitto does.
 *
 * <p>$SYS describes one broker, as in Mosquitto: in a cluster each node publishes its own values to
 * its own subscribers only (the router given here is the node's local one), plus the
 * {@code $SYS/broker/cluster/...} topics of {@link ClusterSys}.
 */
public final class SysPublisher {

    private final Metrics metrics;
    private final Router router;
    private final RetainedMessages retained;
    /** Null on a node that is not clustered. */
    private final ClusterSys cluster;
    private final Map<String, String> lastPublished = new HashMap<>();
    private final LoadAverages load;
    private final Cancellable task;

    private SysPublisher(ActorSystem system, Duration interval, Metrics metrics, Router router,
            RetainedMessages retained, ClusterSys cluster) {
        this.metrics = metrics;
        this.router = router;
        this.retained = retained;
        this.cluster = cluster;
        this.load = new LoadAverages(interval);
        if (interval.isZero()) {
            this.task = null;
            return;
        }
        publish("$SYS/broker/version", Version.VERSION);
        this.task = system.scheduler().scheduleAtFixedRate(
                Duration.ZERO, interval, this::tick, system.dispatcher());
    }

    /**
     * Starts publishing; a zero interval ({@code sys_interval 0}) disables $SYS.
     *
     * @param router  this node's own subscribers (never other nodes': $SYS stays per node)
     * @param cluster the cluster topics, null on a node that is not clustered
     */
    public static SysPublisher start(ActorSystem system, Duration interval, Metrics metrics, Router router,
            RetainedMessages retained, ClusterSys cluster) {
        return new SysPublisher(system, interval, metrics, router, retained, cluster);
    }

    public void stop() {
        if (task != null) {
            task.cancel();
        }
    }

    /** Runs on one scheduler thread at a time (fixed rate), so the map needs no lock. */
    private synchronized void tick() {
        long uptime = (System.currentTimeMillis() - metrics.startedAtMillis) / 1000;
        int connected = metrics.clientsConnected.get();
        int total = metrics.sessions.get();
        publish("$SYS/broker/uptime", uptime + " seconds");
        publish("$SYS/broker/clients/connected", connected);
        publish("$SYS/broker/clients/active", connected);
        publish("$SYS/broker/clients/disconnected", Math.max(0, total - connected));
        publish("$SYS/broker/clients/inactive", Math.max(0, total - connected));
        publish("$SYS/broker/clients/total", total);
        publish("$SYS/broker/clients/maximum", metrics.clientsMaximum.get());
        publish("$SYS/broker/messages/received", metrics.messagesReceived.sum());
        publish("$SYS/broker/messages/sent", metrics.messagesSent.sum());
        publish("$SYS/broker/messages/stored", retained.size());
        publish("$SYS/broker/store/messages/count", retained.size());
        publish("$SYS/broker/publish/messages/received", metrics.publishReceived.sum());
        publish("$SYS/broker/publish/messages/sent", metrics.publishSent.sum());
        publish("$SYS/broker/publish/messages/dropped", metrics.droppedMessages.sum());
        publish("$SYS/broker/security/auth/failures", metrics.authFailures.sum());
        publish("$SYS/broker/security/auth/rate-limited", metrics.authRateLimited.sum());
        publish("$SYS/broker/security/publish/denied", metrics.publishDenied.sum());
        publish("$SYS/broker/bytes/received", metrics.bytesReceived.sum());
        publish("$SYS/broker/bytes/sent", metrics.bytesSent.sum());
        publish("$SYS/broker/subscriptions/count", router.subscriptionCount());
        publish("$SYS/broker/retained messages/count", retained.size());
        publish("$SYS/broker/heap/current", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        load.sample(metrics).forEach(this::publish);
        if (cluster != null) {
            cluster.sample().forEach(this::publish);
        }
    }

    private void publish(String topic, Object value) {
        String text = String.valueOf(value);
        if (text.equals(lastPublished.put(topic, text))) {
            return;
        }
        Message message = Message.of(topic, 0, true, text.getBytes(StandardCharsets.UTF_8));
        retained.update(message);
        router.publish(message);
    }
}
