package io.starling.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.starling.it.NodeProcess;
import io.starling.it.core.MosquittoCli;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Messages find their subscribers on whichever node of a 3-node cluster they are. */
class ClusterRoutingIT {

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(3, "");

    private static final Duration RECEIVE = Duration.ofSeconds(5);

    @Test
    void mosquittoSubOnNodeOneReceivesWhatMosquittoPubSendsToNodeThree() {
        String topic = unique("cli");
        MosquittoCli.RunningSub sub = MosquittoCli.sub(cluster.port(1), "-t", topic, "-C", "1", "-W", "10");
        assertEquals(0, MosquittoCli.pub(cluster.port(3), "-t", topic, "-m", "across").exitCode());
        MosquittoCli.Result result = sub.awaitExit(Duration.ofSeconds(15));
        assertEquals(List.of("across"), result.lines());
    }

    @Test
    void publishRightAfterSubackReachesTheSubscriberFromEveryNode() throws Exception {
        Mqtt5BlockingClient subscriber = connect(1, "sub-" + unique("c"));
        try (Mqtt5BlockingClient.Mqtt5Publishes received = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            Mqtt5BlockingClient publisher2 = connect(2, "pub2-" + unique("c"));
            Mqtt5BlockingClient publisher3 = connect(3, "pub3-" + unique("c"));
            for (int i = 0; i < 20; i++) {
                String topic = unique("fresh/" + i);
                subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
                // the SUBACK is the promise: no waiting between it and the publishes
                publisher2.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("2:" + i)).send();
                publisher3.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("3:" + i)).send();
                List<String> got = new ArrayList<>();
                got.add(text(received.receive(RECEIVE.toMillis(), TimeUnit.MILLISECONDS)));
                got.add(text(received.receive(RECEIVE.toMillis(), TimeUnit.MILLISECONDS)));
                got.sort(null);
                assertEquals(List.of("2:" + i, "3:" + i), got, "round " + i);
            }
            publisher2.disconnect();
            publisher3.disconnect();
        }
        subscriber.disconnect();
    }

    @Test
    void messagesFromOnePublisherArriveInOrderOnEveryOtherNode() throws Exception {
        // MQTT orders per topic and QoS; one publisher's messages cross through one link, so
        // here they keep their order across the three topics too
        String topic = unique("ordered");
        int count = 2000;
        List<Mqtt5BlockingClient> subscribers = new ArrayList<>();
        List<Queue<String>> received = new ArrayList<>();
        for (int node : new int[] {2, 2, 3}) {
            Mqtt5BlockingClient s = connect(node, "ord-" + node + "-" + unique("c"));
            Queue<String> texts = new ConcurrentLinkedQueue<>();
            s.toAsync().subscribeWith().topicFilter(topic + "/#").qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> texts.add(text(p))).send().join();
            subscribers.add(s);
            received.add(texts);
        }
        Mqtt5BlockingClient publisher = connect(1, "ord-pub-" + unique("c"));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            publisher.publishWith().topic(topic + "/" + (i % 3)).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes(String.valueOf(i))).send();
            sent.add(String.valueOf(i));
        }
        for (Queue<String> texts : received) {
            await().atMost(RECEIVE).until(() -> texts.size() >= count);
            assertEquals(sent, List.copyOf(texts));
        }
        publisher.disconnect();
        subscribers.forEach(Mqtt5BlockingClient::disconnect);
    }

    @Test
    void sharedSubscriptionSpreadsMessagesOverMembersOnEveryNode() throws Exception {
        String topic = unique("jobs");
        String shared = "$share/workers/" + topic;
        List<Mqtt5BlockingClient> members = new ArrayList<>();
        List<Mqtt5BlockingClient.Mqtt5Publishes> streams = new ArrayList<>();
        for (int node = 1; node <= 3; node++) {
            Mqtt5BlockingClient m = connect(node, "worker-" + node + "-" + unique("c"));
            streams.add(m.publishes(MqttGlobalPublishFilter.ALL));
            m.subscribeWith().topicFilter(shared).qos(MqttQos.AT_LEAST_ONCE).send();
            members.add(m);
        }
        Mqtt5BlockingClient publisher = connect(2, "jobs-pub-" + unique("c"));
        int count = 90;
        for (int i = 0; i < count; i++) {
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("job " + i)).send();
        }
        List<String> all = new ArrayList<>();
        List<Integer> perMember = new ArrayList<>();
        for (Mqtt5BlockingClient.Mqtt5Publishes stream : streams) {
            int n = 0;
            Optional<Mqtt5Publish> p;
            while ((p = stream.receive(1, TimeUnit.SECONDS)).isPresent()) {
                all.add(text(p));
                n++;
            }
            perMember.add(n);
            stream.close();
        }
        assertEquals(count, all.size(), "every job once, members got " + perMember);
        assertEquals(count, all.stream().distinct().count(), "no job twice");
        for (int n : perMember) {
            assertEquals(true, n > 0, "each member of the group gets some jobs: " + perMember);
        }
        publisher.disconnect();
        members.forEach(Mqtt5BlockingClient::disconnect);
    }

    @Test
    void messageLargerThanAClusterFrameCrossesWhole() throws Exception {
        String topic = unique("large");
        byte[] payload = new byte[3 * 1024 * 1024 + 17]; // Artery's frames are 1 MiB: it crosses in parts
        new java.util.Random(42).nextBytes(payload);
        Mqtt5BlockingClient subscriber = connect(2, "large-sub-" + unique("c"));
        try (Mqtt5BlockingClient.Mqtt5Publishes received = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient publisher = connect(1, "large-pub-" + unique("c"));
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("small after")).send();
            Optional<Mqtt5Publish> large = received.receive(10, TimeUnit.SECONDS);
            assertEquals(true, large.isPresent(), "the large message arrived");
            assertEquals(true, java.util.Arrays.equals(payload, large.get().getPayloadAsBytes()), "byte for byte");
            assertEquals("small after", text(received.receive(RECEIVE.toMillis(), TimeUnit.MILLISECONDS)));
            publisher.disconnect();
        }
        subscriber.disconnect();
    }

    private static Mqtt5BlockingClient connect(int node, String clientId) {
        Mqtt5BlockingClient client = Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost(NodeProcess.HOST)
                .serverPort(cluster.port(node))
                .buildBlocking();
        client.connect();
        return client;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Optional<Mqtt5Publish> publish) {
        return publish.map(ClusterRoutingIT::text).orElse("nothing");
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
