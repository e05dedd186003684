package io.starling.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.starling.it.core.MosquittoCli;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retained messages are the cluster's, not a node's: set on one node, seen on every node. */
class ClusterRetainedIT {

    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(3, "");

    private static final Duration EXIT = Duration.ofSeconds(15);

    @Test
    void retainedMessageAcknowledgedOnOneNodeIsSeenAtOnceFromEveryNode() {
        String topic = "status/" + UUID.randomUUID();
        assertEquals(0, MosquittoCli.pub(cluster.port(1), "-t", topic, "-q", "1", "-r", "-m", "online").exitCode());
        for (int node = 1; node <= 3; node++) {
            assertEquals(List.of("1 online"), retainedOn(node, topic, 1), "node " + node);
        }
    }

    @Test
    void wildcardSubscribeOnAnyNodeGetsEveryMatchingRetainedMessage() {
        String prefix = "fleet-" + UUID.randomUUID();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String topic = prefix + "/truck" + i + "/position";
            // spread over the nodes: each node's writes go to partitions anywhere in the cluster
            assertEquals(0, MosquittoCli.pub(cluster.port(1 + i % 3), "-t", topic, "-q", "1", "-r",
                    "-m", "p" + i).exitCode());
            expected.add(topic + " p" + i);
        }
        expected.sort(null);
        for (int node = 1; node <= 3; node++) {
            List<String> got = new ArrayList<>(retainedLines(node, prefix + "/+/position", 40, "%t %p"));
            got.sort(null);
            assertEquals(expected, got, "node " + node);
        }
    }

    @Test
    void emptyRetainedPublishOnOneNodeClearsTheMessageOnEveryNode() {
        String topic = "door/" + UUID.randomUUID();
        assertEquals(0, MosquittoCli.pub(cluster.port(2), "-t", topic, "-q", "1", "-r", "-m", "open").exitCode());
        assertEquals(0, MosquittoCli.pub(cluster.port(3), "-t", topic, "-q", "1", "-r", "-n").exitCode());
        for (int node = 1; node <= 3; node++) {
            MosquittoCli.Result result =
                    MosquittoCli.sub(cluster.port(node), "-t", topic, "-C", "1", "-W", "1").awaitExit(EXIT);
            assertEquals(List.of("Timed out"), result.lines(), "node " + node + " has nothing retained");
        }
    }

    /** What a new subscriber on {@code node} gets at once: "retain-flag payload" lines. */
    static List<String> retainedOn(int node, String filter, int count) {
        return retainedOn(cluster, node, filter, count);
    }

    static List<String> retainedOn(LocalCluster cluster, int node, String filter, int count) {
        return retainedLines(cluster, node, filter, count, "%r %p");
    }

    static List<String> retainedLines(int node, String filter, int count, String format) {
        return retainedLines(cluster, node, filter, count, format);
    }

    static List<String> retainedLines(LocalCluster cluster, int node, String filter, int count, String format) {
        MosquittoCli.Result result = MosquittoCli.sub(cluster.port(node), "-t", filter, "-C", String.valueOf(count),
                "-W", "5", "-F", format).awaitExit(EXIT);
        assertEquals(0, result.exitCode(), "mosquitto_sub on node " + node + " printed " + result.lines());
        return result.lines();
    }
}
