package io.starling.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.starling.it.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node paused past the failure detector ({@code kill -STOP}) is cut off as by a network
 * partition: the split-brain resolver downs the minority side, the majority takes its clients
 * over, and when the paused node runs again it stops instead of serving the same client ids.
 */
class ClusterPartitionIT {

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(3, "");

    @Test
    void pausedNodeIsDownedAndItsClientMovesWithoutTwoNodesHoldingIt() throws Exception {
        String clientId = "partitioned-" + UUID.randomUUID();
        String topic = "partition/" + UUID.randomUUID();
        Mqtt5BlockingClient onPaused = client(clientId, 3);
        onPaused.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
        onPaused.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        // the session's journal records in order: once a QoS 1 message queued for it is
        // acknowledged to its publisher, the session and its subscription are on disk too
        Mqtt5BlockingClient probe = client("partition-probe-" + UUID.randomUUID(), 3);
        probe.connect();
        probe.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("before".getBytes()).send();
        probe.disconnect();

        cluster.node(3).pause();
        try {
            // the client gives up on the silent node and connects to another one: granted once
            // the majority has downed node 3 (2 s failure detector, 3 s resolver)
            Mqtt5BlockingClient moved = client(clientId, 1);
            Mqtt5ConnAck connAck = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> moved.connectWith().cleanStart(false).sessionExpiryInterval(300).send(),
                            ack -> true);
            assertTrue(connAck.isSessionPresent(), "the persistent session came along");
            Queue<String> received = new ConcurrentLinkedQueue<>();
            moved.toAsync().publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL,
                    p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
            Mqtt5BlockingClient publisher = client("partition-pub-" + UUID.randomUUID(), 2);
            publisher.connect();
            publish(publisher, topic, "after");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("after"));

            cluster.node(3).resume();
            // node 3 learns it was downed and stops: it never serves the client id again
            await().atMost(Duration.ofSeconds(60)).until(() -> !cluster.node(3).isAlive());
            assertEquals(MqttClientState.CONNECTED, moved.getState(), "the client stays on node 1");
            publish(publisher, topic, "still");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("still"));
            publisher.disconnect();
            moved.disconnect();
        } finally {
            if (cluster.node(3).isAlive()) {
                cluster.node(3).resume();
            }
        }
    }

    /** A QoS 1 publish whose PUBACK is waited for, at most 60 s (the blocking client would wait for ever). */
    private static void publish(Mqtt5BlockingClient publisher, String topic, String text) throws Exception {
        publisher.toAsync().publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(text.getBytes())
                .send().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static Mqtt5BlockingClient client(String clientId, int node) {
        return Mqtt5Client.builder().identifier(clientId)
                .serverHost(NodeProcess.HOST).serverPort(cluster.port(node)).buildBlocking();
    }
}
