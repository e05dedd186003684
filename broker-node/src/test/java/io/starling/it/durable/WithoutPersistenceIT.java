package io.starling.it.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.starling.it.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code persistence false}: nothing touches disk, and a restart starts empty (as Mosquitto). */
class WithoutPersistenceIT {

    @TempDir
    Path dir;

    @Test
    void nothingIsWrittenAndRetainedMessagesAreGoneAfterRestart() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (NodeProcess node = NodeProcess.start(dir.resolve("node"),
                "persistence false\npersistence_location " + data + "/\n")) {
            try (RetainedClient client = new RetainedClient(node)) {
                client.publishRetained("home/light", "on");
                assertEquals(1, client.retainedFor("home/light").size(), node.tail());
            }

            node.restart();

            try (RetainedClient client = new RetainedClient(node)) {
                assertEquals(List.of(), client.retainedFor("home/light"), node.tail());
            }
            node.stop();
        }
        try (Stream<Path> files = Files.walk(data)) {
            assertEquals(List.of(data), files.toList(), "files under persistence_location");
        }
    }
}
