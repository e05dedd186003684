package io.starling.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.starling.it.NodeProcess;
import io.starling.it.core.MosquittoCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dynamic security in a 3-node cluster, administered with Debian's {@code mosquitto_ctrl}: every
 * node starts from its own copy of the file {@code mosquitto_ctrl dynsec init} made, a change made
 * through any node applies on every node, reaches every node's file, and survives a restart of
 * the whole cluster.
 */
class ClusterDynamicSecurityIT {

    private static final String FILE = "dynamic-security.json";
    /** Each node's own password file, for the reload test. */
    private static final String PASSWD = "passwd";
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The test polls with refused credentials while a change spreads: no lock-out for that. */
    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.of(3, "allow_anonymous false\nauth_failure_limit 0\n"
                    + "plugin dynamic-security\nplugin_opt_config_file " + LocalCluster.NODE_DIR + "/" + FILE
                    + "\npassword_file " + LocalCluster.NODE_DIR + "/" + PASSWD)
            .beforeEachNodeStarts((node, nodeDir) -> {
                Run passwd = run("mosquitto_passwd", "-c", "-b", nodeDir.resolve(PASSWD).toString(), "carol", "carolpw");
                assertEquals(0, passwd.exitCode, passwd.output);
                if (node == 1) {
                    Run init = run("mosquitto_ctrl", "dynsec", "init", nodeDir.resolve(FILE).toString(), "admin",
                            "adminpw");
                    assertEquals(0, init.exitCode, init.output);
                } else {
                    Files.copy(nodeDir.resolveSibling("node-1").resolve(FILE), nodeDir.resolve(FILE));
                }
            });

    private record Run(int exitCode, String output) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Debian's mosquitto_ctrl against node {@code node}, as the admin {@code dynsec init} made. */
    private static String ctrl(int node, String... dynsecArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of("mosquitto_ctrl", "-h", NodeProcess.HOST, "-p",
                String.valueOf(cluster.port(node)), "-u", "admin", "-P", "adminpw", "dynsec"));
        command.addAll(List.of(dynsecArgs));
        Run result = run(command.toArray(String[]::new));
        assertEquals(0, result.exitCode, result.output);
        return result.output;
    }

    private static boolean aliceConnects(int node) {
        return MosquittoCli.pub(cluster.port(node), "-i", "alice-probe-" + node, "-u", "alice", "-P", "alicepw",
                "-t", "t", "-m", "1").exitCode() == 0;
    }

    private static String file(int node) throws IOException {
        return Files.readString(cluster.node(node).dir().resolve(FILE));
    }

    @Test
    void aChangeThroughAnyNodeAppliesOnEveryNodeAndSurvivesARestart() throws Exception {
        ctrl(1, "createClient", "alice", "-p", "alicepw");
        await().atMost(WAIT).until(() -> aliceConnects(3));
        assertTrue(aliceConnects(1), "in force on the node that took the change");
        assertTrue(ctrl(2, "getClient", "alice").contains("Username: alice"), "every node answers from one state");

        // disabled through node 2: alice, connected on node 3, is disconnected there
        Mqtt5BlockingClient alice = Mqtt5Client.builder().identifier("alice").serverHost(NodeProcess.HOST)
                .serverPort(cluster.port(3)).buildBlocking();
        alice.connectWith().simpleAuth().username("alice").password("alicepw".getBytes()).applySimpleAuth().send();
        ctrl(2, "disableClient", "alice");
        await().atMost(WAIT).until(() -> !alice.getState().isConnectedOrReconnect());
        for (int node = 1; node <= 3; node++) {
            final int n = node;
            await().atMost(WAIT).until(() -> !aliceConnects(n));
        }
        ctrl(3, "enableClient", "alice");
        for (int node = 1; node <= 3; node++) {
            final int n = node;
            await().atMost(WAIT).until(() -> aliceConnects(n) && file(n).contains("\"alice\""));
        }

        cluster.restartAll();

        for (int node = 1; node <= 3; node++) {
            assertTrue(aliceConnects(node), "alice is known on node " + node + " after the restart");
            assertTrue(file(node).contains("\"username\":\t\"alice\""), file(node));
        }
    }

    @Test
    void starlingCtrlReloadThroughOneNodeReloadsEveryNode() throws Exception {
        // dynamic security's admin may use Starling's control API too once a role grants it
        ctrl(1, "createRole", "reloader");
        for (String acl : List.of("publishClientSend", "publishClientReceive", "subscribePattern")) {
            ctrl(1, "addRoleACL", "reloader", acl, "$CONTROL/starling/#", "allow");
        }
        ctrl(1, "addClientRole", "admin", "reloader");
        for (int node = 1; node <= 3; node++) {
            Path passwd = cluster.node(node).dir().resolve(PASSWD);
            assertEquals(0, run("mosquitto_passwd", "-b", passwd.toString(), "dave", "davepw").exitCode);
        }
        assertFalse(daveConnects(3), "not before the reload");

        Run reload = starlingCtrl(1, "reload");
        assertEquals(0, reload.exitCode, reload.output);
        for (int node = 1; node <= 3; node++) {
            assertTrue(daveConnects(node), "dave is known on node " + node + " once the reload has answered");
        }

        Path broken = cluster.node(3).dir().resolve(PASSWD);
        String good = Files.readString(broken);
        Files.writeString(broken, good + "no colon\n");
        try {
            Run refused = starlingCtrl(1, "reload");
            assertEquals(1, refused.exitCode, refused.output);
            assertTrue(refused.output.contains(broken + ":3:"), refused.output); // carol, dave, then the bad line
            assertTrue(daveConnects(3), "node 3 keeps its rules");
        } finally {
            Files.writeString(broken, good); // the cluster is shared with the other test, which restarts it
        }
    }

    private static boolean daveConnects(int node) {
        return MosquittoCli.pub(cluster.port(node), "-u", "dave", "-P", "davepw", "-t", "t", "-m", "1").exitCode() == 0;
    }

    /** The real starling-ctrl (the shaded jar's main class) against node {@code node}, as the admin. */
    private static Run starlingCtrl(int node, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("starling.jar"), "io.starling.cli.StarlingCtrl",
                "-h", NodeProcess.HOST, "-p", String.valueOf(cluster.port(node)), "-u", "admin", "-P", "adminpw"));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }
}
