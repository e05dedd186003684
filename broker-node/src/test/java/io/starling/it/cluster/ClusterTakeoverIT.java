package io.starling.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.starling.it.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client id is unique in the whole cluster: connecting on another node takes the session over. */
class ClusterTakeoverIT {

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(3, "");

    @Test
    void connectingOnAnotherNodeClosesTheFirstConnectionWithSessionTakenOver() {
        String clientId = "roamer-" + UUID.randomUUID();
        CompletableFuture<Mqtt5DisconnectReasonCode> firstClosed = new CompletableFuture<>();
        Mqtt5BlockingClient first = Mqtt5Client.builder().identifier(clientId)
                .serverHost(NodeProcess.HOST).serverPort(cluster.port(1))
                .addDisconnectedListener(context -> firstClosed.complete(
                        context.getCause() instanceof Mqtt5DisconnectException e
                                ? e.getMqttMessage().getReasonCode() : null))
                .buildBlocking();
        first.connect();

        Mqtt5BlockingClient second = client(clientId, 2);
        second.connect();

        assertEquals(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER, firstClosed.join());
        assertEquals(MqttClientState.CONNECTED, second.getState());
        // and the session now lives on node 2: a subscription there gets messages from node 3
        String topic = "roam/" + UUID.randomUUID();
        Queue<String> received = new ConcurrentLinkedQueue<>();
        second.toAsync().subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                .send().join();
        Mqtt5BlockingClient publisher = client("roam-pub-" + UUID.randomUUID(), 3);
        publisher.connect();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("here".getBytes()).send();
        await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("here"));
        publisher.disconnect();
        second.disconnect();
    }

    @Test
    void clientConnectingToEveryNodeInTurnIsConnectedOnlyOnTheLast() {
        String clientId = "hopper-" + UUID.randomUUID();
        List<Mqtt5BlockingClient> connections = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            Mqtt5BlockingClient c = client(clientId, 1 + round % 3);
            c.connect();
            connections.add(c);
        }
        Mqtt5BlockingClient last = connections.get(connections.size() - 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.subList(0, connections.size() - 1).stream()
                .noneMatch(c -> c.getState() == MqttClientState.CONNECTED));
        assertTrue(last.getState() == MqttClientState.CONNECTED, "the last connection stays");
        last.disconnect();
    }

    @Test
    void persistentSessionMovesWithItsInFlightAndQueuedMessages() {
        String clientId = "mover-" + UUID.randomUUID();
        String topic = "move/" + UUID.randomUUID();
        Mqtt5BlockingClient publisher = client("move-pub-" + UUID.randomUUID(), 3);
        publisher.connect();

        // on node 1: three messages sent to the client and never acknowledged (in flight)
        Mqtt5BlockingClient first = client(clientId, 1);
        first.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
        Queue<String> unacknowledged = new ConcurrentLinkedQueue<>();
        first.toAsync().subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> unacknowledged.add(text(p))).manualAcknowledgement(true).send().join();
        for (int i = 1; i <= 3; i++) {
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(("inflight " + i).getBytes()).send();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> unacknowledged.size() == 3);

        // on node 2 the session goes on: the three come again, then two published while offline
        Mqtt5BlockingClient second = client(clientId, 2);
        Queue<String> received = new ConcurrentLinkedQueue<>();
        second.toAsync().publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, p -> received.add(text(p)));
        assertTrue(second.connectWith().cleanStart(false).sessionExpiryInterval(300).send().isSessionPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3);
        second.disconnect();
        for (int i = 1; i <= 2; i++) {
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(("queued " + i).getBytes()).send();
        }
        Mqtt5BlockingClient third = client(clientId, 3);
        Queue<String> later = new ConcurrentLinkedQueue<>();
        third.toAsync().publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, p -> later.add(text(p)));
        assertTrue(third.connectWith().cleanStart(false).sessionExpiryInterval(300).send().isSessionPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> later.size() >= 2);

        assertEquals(List.of("inflight 1", "inflight 2", "inflight 3"), List.copyOf(received));
        assertEquals(List.of("queued 1", "queued 2"), List.copyOf(later));
        third.disconnect();
        publisher.disconnect();
    }

    @Test
    void persistentSubscriberHoppingBetweenNodesUnderLoadMissesNoAcknowledgedMessage() throws Exception {
        String clientId = "hopper-" + UUID.randomUUID();
        String topic = "hop/" + UUID.randomUUID();
        Set<String> received = ConcurrentHashMap.newKeySet();
        Mqtt5BlockingClient subscriber = client(clientId, 1);
        subscriber.toAsync().publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, p -> received.add(text(p)));
        subscriber.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Mqtt5BlockingClient publisher = client("hop-pub-" + UUID.randomUUID(), 3);
        publisher.connect();
        Thread publishing = new Thread(() -> {
            for (int i = 0; i < 1500; i++) {
                String payload = "m" + i;
                publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes()).send();
                acknowledged.add(payload);
            }
        });
        publishing.start();
        // the session moves 1 -> 2 -> 1 -> 2 while messages keep coming: each move is a hand-over
        List<Mqtt5BlockingClient> hops = new ArrayList<>(List.of(subscriber));
        for (int hop = 0; hop < 4 && publishing.isAlive(); hop++) {
            int before = acknowledged.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= before + 150 || !publishing.isAlive());
            Mqtt5BlockingClient next = client(clientId, hop % 2 == 0 ? 2 : 1);
            next.toAsync().publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, p -> received.add(text(p)));
            assertTrue(next.connectWith().cleanStart(false).sessionExpiryInterval(300).send().isSessionPresent());
            hops.add(next);
        }
        publishing.join(60_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.containsAll(acknowledged));
        assertEquals(1500, acknowledged.size());
        hops.get(hops.size() - 1).disconnect();
        publisher.disconnect();
    }

    private static String text(com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private static Mqtt5BlockingClient client(String clientId, int node) {
        return Mqtt5Client.builder().identifier(clientId)
                .serverHost(NodeProcess.HOST).serverPort(cluster.port(node)).buildBlocking();
    }
}
