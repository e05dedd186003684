package io.starling.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.starling.it.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** $SYS in a 3-node cluster: each node describes itself, plus $SYS/broker/cluster/... */
class ClusterSysIT {

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(3, "sys_interval 1");

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CLUSTER = "$SYS/broker/cluster/";

    @Test
    void everyNodeReportsThreeMembersUpAndReachable() throws Exception {
        for (int n = 1; n <= 3; n++) {
            try (SysWatcher sys = SysWatcher.on(cluster.port(n))) {
                List<String> expected = sortedLines(cluster.nodeName(1) + " up reachable\n"
                        + cluster.nodeName(2) + " up reachable\n" + cluster.nodeName(3) + " up reachable");
                await().atMost(WAIT).until(() -> sys.latest(CLUSTER + "members/list") != null
                        && sortedLines(sys.latest(CLUSTER + "members/list")).equals(expected));
                assertEquals("3", sys.latest(CLUSTER + "members"));
                assertEquals("0", sys.latest(CLUSTER + "unreachable"));
                assertEquals("it", sys.latest(CLUSTER + "name"));
                assertEquals(cluster.nodeName(n), sys.latest(CLUSTER + "node"));
            }
        }
    }

    @Test
    void sysSubscriberOnNodeOneGetsNodeOnesValuesOnly() throws Exception {
        List<Mqtt3BlockingClient> crowd = new ArrayList<>();
        try (SysWatcher one = SysWatcher.on(cluster.port(1)); SysWatcher two = SysWatcher.on(cluster.port(2))) {
            await().atMost(WAIT).until(() -> one.latest(CLUSTER + "node") != null);
            // node 2 gets more clients than node 1 will ever have here: its count is unmistakable
            for (int i = 0; i < 6; i++) {
                crowd.add(connect(2, "crowd-" + i));
            }
            await().atMost(WAIT).until(() -> two.number("$SYS/broker/clients/connected") >= 7);
            // node 2 published that value; had it gone to node 1's subscribers, it would be there by
            // the time node 1 has published twice more
            one.awaitTicks(2);
            assertEquals(List.of(cluster.nodeName(1)), one.values(CLUSTER + "node").stream().distinct().toList());
            List<String> connectedOnOne = one.values("$SYS/broker/clients/connected");
            assertFalse(connectedOnOne.isEmpty());
            assertTrue(connectedOnOne.stream().allMatch(v -> Integer.parseInt(v) < 6), connectedOnOne.toString());
        } finally {
            crowd.forEach(Mqtt3BlockingClient::disconnect);
        }
    }

    @Test
    void routeCountsChangeWhenAClientSubscribesOnAnotherNode() throws Exception {
        try (SysWatcher one = SysWatcher.on(cluster.port(1)); SysWatcher two = SysWatcher.on(cluster.port(2))) {
            // the watchers' own routes are counted after a round or two (the replicator is asked
            // in one round and its answer published in the next)
            one.awaitTicks(3);
            two.awaitTicks(3);
            long remoteOnOne = one.number(CLUSTER + "routes/remote");
            long localOnTwo = two.number(CLUSTER + "routes/local");
            Mqtt3BlockingClient subscriber = connect(2, "routes-sub");
            subscriber.subscribeWith().topicFilter("routes/" + unique() + "/#").qos(MqttQos.AT_MOST_ONCE).send();
            await().atMost(WAIT).until(() -> two.number(CLUSTER + "routes/local") == localOnTwo + 1
                    && one.number(CLUSTER + "routes/remote") == remoteOnOne + 1);
            subscriber.disconnect();
            await().atMost(WAIT).until(() -> two.number(CLUSTER + "routes/local") == localOnTwo
                    && one.number(CLUSTER + "routes/remote") == remoteOnOne);
        }
    }

    @Test
    void forwardedAndReceivedCountersGrowWhenMessagesCrossNodes() throws Exception {
        try (SysWatcher one = SysWatcher.on(cluster.port(1)); SysWatcher two = SysWatcher.on(cluster.port(2))) {
            long forwardedByOne = one.number(CLUSTER + "messages/forwarded");
            long receivedByTwo = two.number(CLUSTER + "messages/received");
            String topic = "crossing/" + unique();
            Queue<String> got = new ConcurrentLinkedQueue<>();
            Mqtt3BlockingClient subscriber = connect(2, "crossing-sub");
            subscriber.toAsync().subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> got.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))).send().join();
            Mqtt3BlockingClient publisher = connect(1, "crossing-pub");
            for (int i = 0; i < 5; i++) {
                publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("m" + i).getBytes(StandardCharsets.UTF_8)).send();
            }
            await().atMost(WAIT).until(() -> got.size() == 5);
            await().atMost(WAIT).until(() -> one.number(CLUSTER + "messages/forwarded") >= forwardedByOne + 5
                    && two.number(CLUSTER + "messages/received") >= receivedByTwo + 5);
            publisher.disconnect();
            subscriber.disconnect();
        }
    }

    private static Mqtt3BlockingClient connect(int node, String prefix) {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier(prefix + "-" + unique())
                .serverHost(NodeProcess.HOST).serverPort(cluster.port(node)).buildBlocking();
        client.connect();
        return client;
    }

    private static List<String> sortedLines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        lines.sort(null);
        return lines;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
