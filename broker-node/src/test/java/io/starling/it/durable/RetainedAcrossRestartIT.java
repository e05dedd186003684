package io.starling.it.durable;

import static io.starling.it.durable.RetainedClient.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.starling.it.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code persistence true}: retained messages outlive the node's process. */
class RetainedAcrossRestartIT {

    @TempDir
    Path dir;
    private Path data;
    private NodeProcess node;

    @BeforeEach
    void startNode() {
        data = dir.resolve("data");
        node = NodeProcess.start(dir, "persistence true\npersistence_location " + data + "/\n");
    }

    @AfterEach
    void destroyNode() {
        node.close();
    }

    @Test
    void retainedMessageSurvivesACleanRestart() {
        try (RetainedClient client = new RetainedClient(node)) {
            client.publishRetained("home/temperature", "21.5");
        }

        node.restart();

        try (RetainedClient client = new RetainedClient(node)) {
            List<Mqtt5Publish> retained = client.retainedFor("home/#");
            assertEquals(1, retained.size(), node.tail());
            assertEquals("home/temperature", retained.get(0).getTopic().toString());
            assertEquals("21.5", payload(retained.get(0)));
            assertTrue(retained.get(0).isRetain());
        }
        assertTrue(Files.isRegularFile(data.resolve("starling.mv.db")), "database under persistence_location");
    }

    @Test
    void retainedMessageSurvivesKill9RightAfterItWasAcknowledged() {
        try (RetainedClient client = new RetainedClient(node)) {
            client.publishRetained("alarm/state", "armed"); // returns on PUBACK
            for (int i = 1; i <= 20; i++) {
                client.publishRetained("counter", Integer.toString(i));
            }
            node.kill9();
        }

        node.restart();

        try (RetainedClient client = new RetainedClient(node)) {
            List<Mqtt5Publish> retained = client.retainedFor("alarm/state", "counter");
            assertEquals(List.of("alarm/state=armed", "counter=20"),
                    retained.stream().map(p -> p.getTopic() + "=" + payload(p)).toList(), node.tail());
        }
    }

    @Test
    void qos0RetainedMessagePublishedJustBeforeAStopIsKept() {
        try (RetainedClient client = new RetainedClient(node)) {
            client.publishRetainedAtMostOnce("status", "last words");
            client.sync();
        }

        node.restart(); // at once: the stop waits for the change to be recorded

        try (RetainedClient client = new RetainedClient(node)) {
            List<Mqtt5Publish> retained = client.retainedFor("status");
            assertEquals(1, retained.size(), node.tail());
            assertEquals("last words", payload(retained.get(0)));
        }
    }

    @Test
    void clearedRetainedMessageStaysClearedAfterRestart() {
        try (RetainedClient client = new RetainedClient(node)) {
            client.publishRetained("door/front", "open");
            client.publishRetained("door/back", "closed");
            client.publishRetained("door/front", ""); // clears
        }

        node.restart();

        try (RetainedClient client = new RetainedClient(node)) {
            List<Mqtt5Publish> retained = client.retainedFor("door/front", "door/back");
            assertEquals(List.of("door/back=closed"),
                    retained.stream().map(p -> p.getTopic() + "=" + payload(p)).toList(), node.tail());
        }
    }

    @Test
    void latestRetainedMessageWinsAfterRestart() {
        try (RetainedClient client = new RetainedClient(node)) {
            for (int i = 1; i <= 20; i++) {
                client.publishRetained("counter", Integer.toString(i));
            }
        }

        node.restart();

        try (RetainedClient client = new RetainedClient(node)) {
            List<Mqtt5Publish> retained = client.retainedFor("counter");
            assertEquals(1, retained.size(), node.tail());
            assertEquals("20", payload(retained.get(0)));
        }
    }

    @Test
    void messageExpiryCountsOnWhileTheNodeIsDown() throws InterruptedException {
        long publishedAt = System.currentTimeMillis();
        try (RetainedClient client = new RetainedClient(node)) {
            client.publishRetained("news/flash", "soon gone", 2);
            client.publishRetained("news/daily", "lasts", 3600);
        }
        node.stop();
        // bounded: at most a few seconds, until the short message's expiry has passed
        while (System.currentTimeMillis() < publishedAt + 3_000) {
            Thread.sleep(100);
        }

        node.restart();

        try (RetainedClient client = new RetainedClient(node)) {
            List<Mqtt5Publish> retained = client.retainedFor("news/#");
            assertEquals(List.of("news/daily"), retained.stream().map(p -> p.getTopic().toString()).toList(),
                    node.tail());
            long elapsedSeconds = (System.currentTimeMillis() - publishedAt) / 1000;
            long remaining = retained.get(0).getMessageExpiryInterval().orElseThrow();
            assertTrue(remaining <= 3600 - elapsedSeconds + 1 && remaining < 3600,
                    "expiry interval " + remaining + " after " + elapsedSeconds + " s");
        }
    }
}
