package io.starling.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.NodeProcess;
import io.starling.it.core.MosquittoCli;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node of a 3-node cluster is killed ({@code kill -9}) under QoS 1 load from persistent sessions:
 * its clients reconnect to the other nodes (Paho's list of server URIs) and resume, every message a
 * publisher had acknowledged reaches every subscriber, retained messages stay, and the node is
 * accepted back when it starts again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(3, "");

    private static final Duration RESUME = Duration.ofSeconds(90);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String RETAINED_TOPIC = "failover-" + RUN + "/config";

    /** A Paho client with a persistent session, reconnecting by itself to the next node in its list. */
    private static final class Client implements MqttCallbackExtended {
        final MqttAsyncClient paho;
        final Set<String> received = ConcurrentHashMap.newKeySet();
        final AtomicInteger connects = new AtomicInteger();
        final List<String> connectedTo = new java.util.concurrent.CopyOnWriteArrayList<>();

        Client(String clientId, int... nodes) throws MqttException {
            paho = new MqttAsyncClient(uri(nodes[0]), clientId, new MemoryPersistence());
            paho.setCallback(this);
            DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
            buffer.setBufferEnabled(true);
            buffer.setBufferSize(100_000);
            paho.setBufferOpts(buffer);
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(false);
            options.setAutomaticReconnect(true);
            options.setMaxReconnectDelay(1000);
            options.setConnectionTimeout(5);
            options.setKeepAliveInterval(5);
            options.setMaxInflight(100);
            String[] uris = new String[nodes.length];
            for (int i = 0; i < nodes.length; i++) {
                uris[i] = uri(nodes[i]);
            }
            options.setServerURIs(uris);
            paho.connect(options).waitForCompletion(10_000);
        }

        void subscribe(String filter) throws MqttException {
            paho.subscribe(filter, 1).waitForCompletion(10_000);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            connects.incrementAndGet();
            connectedTo.add(serverURI);
        }

        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }

        void close() {
            try {
                paho.disconnectForcibly(1000, 1000);
                paho.close();
            } catch (MqttException e) {
                // the test is over; the node may be gone already
            }
        }
    }

    private static String uri(int node) {
        return "tcp://" + NodeProcess.HOST + ":" + cluster.port(node);
    }

    @Test
    @Order(1)
    void killedNodesClientsResumeElsewhereAndNoAcknowledgedMessageIsLost() throws Exception {
        assertEquals(0, MosquittoCli.pub(cluster.port(2), "-t", RETAINED_TOPIC, "-q", "1", "-r", "-m", "v1").exitCode());
        String topic = "failover-" + RUN + "/load";
        // subscribers: one on the node that will die, one on a node that stays, and one on the node
        // that will die that comes back only after the load is over (its session is adopted meanwhile)
        Client onVictim = new Client("sub-victim-" + RUN, 2, 3, 1);
        Client onSurvivor = new Client("sub-survivor-" + RUN, 3, 1);
        Client away = new Client("sub-away-" + RUN, 2);
        onVictim.subscribe(topic + "/#");
        onSurvivor.subscribe(topic + "/#");
        away.subscribe(topic + "/#");
        // publishers: one on the node that will die, one on a node that stays
        Client pubVictim = new Client("pub-victim-" + RUN, 2, 1);
        Client pubSurvivor = new Client("pub-survivor-" + RUN, 1, 3);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        int perPublisher = 400; // the away subscriber's queue (max_queued_messages 1000) holds them all
        List<Thread> publishers = new ArrayList<>();
        for (Client publisher : List.of(pubVictim, pubSurvivor)) {
            Thread thread = new Thread(() -> publish(publisher, topic, perPublisher, acknowledged));
            thread.start();
            publishers.add(thread);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 200);
        cluster.node(2).kill9();
        away.close();
        for (Thread thread : publishers) {
            thread.join(RESUME.toMillis());
        }
        // every publish was handed to Paho; wait until Paho has every one acknowledged
        await().atMost(RESUME).until(() -> acknowledged.size() == 2 * perPublisher);
        await().atMost(RESUME).until(() -> onVictim.received.containsAll(acknowledged)
                && onSurvivor.received.containsAll(acknowledged));
        // its persistent session, wherever it was adopted: what it did not get before, it gets now
        Client back = new Client("sub-away-" + RUN, 1);
        await().atMost(RESUME).until(() -> union(away.received, back.received).containsAll(acknowledged));
        back.close();
        assertTrue(onVictim.connects.get() >= 2, "the victim's subscriber reconnected: " + onVictim.connectedTo);
        assertTrue(!onVictim.connectedTo.get(onVictim.connectedTo.size() - 1).equals(uri(2)),
                "to another node: " + onVictim.connectedTo);
        for (Client client : List.of(onVictim, onSurvivor, pubVictim, pubSurvivor)) {
            client.close();
        }
        // the retained message set through the lost node is still the cluster's
        assertEquals(List.of("1 v1"), ClusterRetainedIT.retainedOn(cluster, 1, RETAINED_TOPIC, 1));
    }

    @Test
    @Order(2)
    void restartedNodeIsAcceptedBackAndServesLikeTheOthers() {
        cluster.node(2).restart(); // returns once it listens: a member that knows the others' routes
        String topic = "failover-" + RUN + "/back";
        MosquittoCli.RunningSub sub = MosquittoCli.sub(cluster.port(1), "-t", topic, "-C", "1", "-W", "10");
        assertEquals(0, MosquittoCli.pub(cluster.port(2), "-t", topic, "-q", "1", "-m", "back").exitCode());
        assertEquals(List.of("back"), sub.awaitExit(Duration.ofSeconds(15)).lines());
        assertEquals(List.of("1 v1"), ClusterRetainedIT.retainedOn(cluster, 2, RETAINED_TOPIC, 1));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** QoS 1 messages a publisher may have awaiting PUBACK: its pace follows the acknowledgements. */
    private static final int WINDOW = 10;

    /**
     * Publishes {@code count} QoS 1 messages, adding each to {@code acknowledged} on its PUBACK.
     * A message goes out only while fewer than {@link #WINDOW} await theirs, so the load follows
     * the cluster: while acknowledgements are held (a node lost), the publisher waits.
     */
    private static void publish(Client publisher, String topic, int count, Set<String> acknowledged) {
        String prefix = publisher.paho.getClientId() + ":";
        for (int i = 0; i < count; i++) {
            String payload = prefix + i;
            await().atMost(RESUME).until(() -> publisher.paho.getInFlightMessageCount() < WINDOW);
            try {
                publisher.paho.publish(topic + "/" + (i % 4), payload.getBytes(StandardCharsets.UTF_8), 1, false,
                        null, new IMqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                acknowledged.add(payload);
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable failure) {
                            }
                        });
            } catch (MqttException e) {
                throw new AssertionError("could not publish " + payload, e);
            }
        }
    }
}
