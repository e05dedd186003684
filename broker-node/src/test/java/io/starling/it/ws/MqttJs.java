package io.starling.it.ws;

import static org.junit.jupiter.api.Assertions.fail;

import io.starling.it.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the node scripts under {@code broker-node/src/test/js}, which drive the real MQTT.js client
 * from npm. Their npm dependencies are installed by {@code bin/test-setup} ({@code npm ci}), which
 * the build runs in its validate phase.
 */
final class MqttJs {

    /** What one run printed on standard output, line by line, and on standard error, and its exit status. */
    record Result(int exitCode, List<String> out, String err) {

        /** For assertion messages: everything the script said. */
        String transcript() {
            return "exit " + exitCode + "\n" + String.join("\n", out) + "\n" + err;
        }
    }

    private MqttJs() {
    }

    /**
     * The scripts' directory: next to {@code target/} of the jar failsafe names in {@code starling.jar}, or
     * relative to the working directory (broker-node) when that property is unset.
     */
    static Path dir() {
        String jar = System.getProperty("starling.jar");
        Path module = jar == null ? Path.of("") : Path.of(jar).toAbsolutePath().getParent().getParent();
        return module.resolve("src/test/js").toAbsolutePath();
    }

    /** Fails, saying how to fix it, unless node and the npm dependencies are there. */
    static void requireInstalled() {
        Path modules = dir().resolve("node_modules").resolve("mqtt");
        if (!Files.isDirectory(modules)) {
            fail(modules + " is missing: the MQTT.js tests need their npm dependencies. Run bin/test-setup "
                    + "(the build does, in its validate phase) or `npm ci --no-audit --no-fund` in " + dir());
        }
    }

    /**
     * Runs {@code node SCRIPT ARGS...} in the scripts' directory.
     *
     * @param timeout the run is killed, and the test fails, after this
     */
    static Result run(String script, List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(args);
        Processes.Ran ran = Processes.run(command, dir(), Map.of(), timeout);
        return new Result(ran.exitCode(), ran.out(), ran.err());
    }
}
