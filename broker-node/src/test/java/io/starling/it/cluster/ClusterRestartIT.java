package io.starling.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.starling.it.NodeProcess;
import io.starling.it.core.MosquittoCli;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Everything durable comes back when the whole cluster stops and starts again. */
class ClusterRestartIT {

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(3, "");

    @Test
    void retainedMessagesAndPersistentSessionsSurviveAFullClusterRestart() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String retainedTopic = "restart-" + run + "/config";
        String queuedTopic = "restart-" + run + "/orders";
        String clientId = "restart-sub-" + run;
        // a retained message set through node 2, a persistent session on node 3 with a message
        // queued for it while it is offline
        assertEquals(0, MosquittoCli.pub(cluster.port(2), "-t", retainedTopic, "-q", "1", "-r", "-m", "kept").exitCode());
        Mqtt5BlockingClient subscriber = client(clientId, 3);
        subscriber.connectWith().cleanStart(true).sessionExpiryInterval(3600).send();
        subscriber.subscribeWith().topicFilter(queuedTopic).qos(MqttQos.AT_LEAST_ONCE).send();
        subscriber.disconnect();
        assertEquals(0, MosquittoCli.pub(cluster.port(1), "-t", queuedTopic, "-q", "1", "-m", "while away").exitCode());

        cluster.restartAll();

        for (int node = 1; node <= 3; node++) {
            assertEquals(List.of("1 kept"), ClusterRetainedIT.retainedOn(cluster, node, retainedTopic, 1), "node " + node);
        }
        // the session is back (on whichever node took it up at the start) and follows its client to node 2
        Mqtt5BlockingClient back = client(clientId, 2);
        Queue<String> received = new ConcurrentLinkedQueue<>();
        back.toAsync().publishes(MqttGlobalPublishFilter.ALL,
                p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        assertTrue(back.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().isSessionPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("while away"));
        // and its subscription still routes: a message published on node 1 now reaches it
        assertEquals(0, MosquittoCli.pub(cluster.port(1), "-t", queuedTopic, "-q", "1", "-m", "after").exitCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("after"));
        back.disconnect();
    }

    private static Mqtt5BlockingClient client(String clientId, int node) {
        return Mqtt5Client.builder().identifier(clientId)
                .serverHost(NodeProcess.HOST).serverPort(cluster.port(node)).buildBlocking();
    }
}
