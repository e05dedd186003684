package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.starling.it.NodeProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the load generator jar against a Starling node: every scenario runs a few
 * seconds and must finish without errors, and at QoS 1 without a lost or duplicated message.
 * Rates are kept low so a busy machine does not turn slowness into "loss"; no speed is asserted.
 */
class LoadGeneratorSmokeIT {

    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static final String[] SHORT = {"--duration", "2s", "--warmup", "500ms", "--drain", "20s"};

    @TempDir
    static Path dir;
    private static NodeProcess node;
    private static final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    static void startNode() {
        node = NodeProcess.start(dir.resolve("node"), "max_queued_messages 1000000\n");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void faninAtQos1LosesAndDuplicatesNothing() throws Exception {
        assertQos1Clean(run("--scenario", "fanin", "--qos", "1", "--publishers", "4", "--rate", "2000"));
    }

    @Test
    void fanoutAtQos1LosesAndDuplicatesNothing() throws Exception {
        assertQos1Clean(run("--scenario", "fanout", "--qos", "1", "--subscribers", "4", "--rate", "500"));
    }

    @Test
    void pairsAtQos1LoseAndDuplicateNothing() throws Exception {
        Map<String, String> r = run("--scenario", "pairs", "--qos", "1", "--publishers", "4", "--rate", "2000");

        assertQos1Clean(r);
        assertEquals("4", r.get("subs"));
    }

    @Test
    void latencyAtQos0ReportsPercentilesWithoutErrors() throws Exception {
        Map<String, String> r = run("--scenario", "latency", "--qos", "0", "--rate", "2000");

        assertEquals("0", r.get("errors"));
        assertTrue(Long.parseLong(r.get("received")) > 0, r.toString());
        assertTrue(Long.parseLong(r.get("p999_us")) >= Long.parseLong(r.get("p50_us")), r.toString());
    }

    @Test
    void persistentSessionsRunTwiceWithTheSameClientIdsAndLoseNothing() throws Exception {
        for (int i = 0; i < 2; i++) {
            Map<String, String> r = run("--scenario", "fanin", "--qos", "1", "--publishers", "2", "--rate", "1000",
                    "--clean-session", "false");
            assertQos1Clean(r);
            assertEquals("false", r.get("clean_session"));
        }
    }

    @Test
    void fiveHundredIdleConnectionsAreHeldAndMeasured() throws Exception {
        Map<String, String> r = run("--scenario", "connect", "--connections", "500", "--hold", "1s",
                "--connect-window", "50", "--broker-pid", Long.toString(nodePid()));

        assertEquals("500", r.get("connected"));
        assertEquals("0", r.get("failed"));
        assertEquals("0", r.get("errors"));
        assertTrue(Long.parseLong(r.get("rss_held_kib")) > 0, r.toString());
    }

    private static void assertQos1Clean(Map<String, String> r) {
        assertEquals("0", r.get("errors"), r.toString());
        assertEquals("0", r.get("lost"), r.toString());
        assertEquals("0", r.get("duplicated"), r.toString());
        assertTrue(Long.parseLong(r.get("sent")) > 0, r.toString());
    }

    /** The node's JVM: the child process whose command line names the node's configuration. */
    private static long nodePid() {
        String conf = dir.resolve("node").resolve("broker.conf").toString();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(conf)).orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("cannot find the node's process"))
                .pid();
    }

    /** Runs the generator jar against the node; returns its RESULT fields after checking exit status 0. */
    private static Map<String, String> run(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("loadtest.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("system property loadtest.jar must name the generator jar, got " + jar);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
                "--port", Integer.toString(node.port()), "--threads", "1"));
        command.addAll(List.of(SHORT));
        command.addAll(List.of(args));
        Path output = dir.resolve("generator-" + runs.incrementAndGet() + ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("the generator did not finish within " + RUN_TIMEOUT_SECONDS + " s:\n" + Files.readString(output));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "generator exit status; its output:\n" + text + "\nnode:\n" + node.tail());
        String result = text.lines().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no RESULT line in:\n" + text));
        Map<String, String> fields = new HashMap<>();
        for (String field : result.substring("RESULT ".length()).split(" ")) {
            String[] kv = field.split("=", 2);
            fields.put(kv[0], kv.length == 2 ? kv[1] : "");
        }
        return fields;
    }
}
