package io.starling.loadtest.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.starling.it.LoopbackPorts;
import io.starling.it.NodeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gatling suite's five scenarios, with a few users each ({@link SmokeSimulation}), against a
 * Starling node with a WebSocket listener: MQTT over WebSocket works end to end, and the suite
 * itself still runs. Gatling's report goes to {@code loadtest/target/gatling}.
 */
class GatlingSmokeIT {

    @TempDir
    Path dir;

    @Test
    void starlingPassesEveryScenarioOfTheGatlingSmokeSimulationOverWebSockets() throws Exception {
        int wsPort = LoopbackPorts.free();
        try (NodeProcess node = NodeProcess.start(dir.resolve("node"),
                "listener " + wsPort + " " + NodeProcess.HOST + "\nprotocol websockets\n")) {
            node.awaitListening(wsPort); // NodeProcess waits for the first listener only

            GatlingRun run = GatlingRun.run(SmokeSimulation.class, Path.of("target", "gatling"),
                    Map.of("host", NodeProcess.HOST, "port", Integer.toString(wsPort), "path", "/mqtt",
                            "maxSeconds", "60"),
                    Duration.ofMinutes(3));

            assertEquals(0, run.exitStatus(), () -> "Gatling exited with " + run.exitStatus()
                    + " (2: an assertion failed); the end of its output:\n" + run.tail()
                    + "\n--- the node's log:\n" + node.tail());
        }
    }
}
