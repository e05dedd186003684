package io.starling.it.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code persistence false}: persistent sessions live as long as the process, and nothing touches disk. */
class SessionsWithoutPersistenceIT {

    @TempDir
    Path dir;

    @Test
    void restartedNodeHasNoSession() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (NodeProcess node = NodeProcess.start(dir.resolve("node"),
                "persistence false\npersistence_location " + data + "/\n")) {
            try (SessionClient subscriber = SessionClient.connect(node, "sub", false)) {
                subscriber.subscribe("a", 1);
            }
            try (SessionClient subscriber = SessionClient.connect(node, "sub", false)) {
                assertTrue(subscriber.sessionPresent(), "kept while the node runs");
            }

            node.restart();

            try (SessionClient subscriber = SessionClient.connect(node, "sub", false)) {
                assertFalse(subscriber.sessionPresent(), node.tail());
            }
            node.stop();
        }
        try (Stream<Path> files = Files.walk(data)) {
            assertEquals(List.of(data), files.toList(), "files under persistence_location");
        }
    }
}
