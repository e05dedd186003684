package io.starling.it.dynsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.starling.it.NodeProcess;
import io.starling.it.core.MosquittoCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic security as Mosquitto users run it: the file made by Debian's {@code mosquitto_ctrl
 * dynsec init}, Mosquitto's own {@code plugin .../mosquitto_dynamic_security.so} line, and Debian's
 * {@code mosquitto_ctrl} administering a Starling node (its own JVM) over
 * {@code $CONTROL/dynamic-security/v1}.
 */
class DynamicSecurityIT {

    private static final String PLUGIN = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so";

    @TempDir
    Path dir;
    private Path file;
    private NodeProcess node;

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("dynamic-security.json");
        assertEquals(0, run("mosquitto_ctrl", "dynsec", "init", file.toString(), "admin", "adminpw").exitCode);
        node = NodeProcess.start(dir, "allow_anonymous false\nplugin " + PLUGIN + "\nplugin_opt_config_file " + file
                + "\n");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Debian's mosquitto_ctrl, as the admin {@code dynsec init} made. */
    private Run ctrl(String... dynsecArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of("mosquitto_ctrl", "-h", NodeProcess.HOST, "-p",
                String.valueOf(node.port()), "-u", "admin", "-P", "adminpw", "dynsec"));
        command.addAll(List.of(dynsecArgs));
        Run result = run(command.toArray(String[]::new));
        assertEquals(0, result.exitCode, result.output);
        return result;
    }

    /** alice may publish and subscribe under sensors/ only. */
    private void createAlice() throws Exception {
        ctrl("createClient", "alice", "-p", "alicepw");
        ctrl("createRole", "sensor");
        ctrl("addRoleACL", "sensor", "publishClientSend", "sensors/#", "allow");
        ctrl("addRoleACL", "sensor", "publishClientReceive", "sensors/#", "allow");
        ctrl("addRoleACL", "sensor", "subscribePattern", "sensors/#", "allow");
        ctrl("addClientRole", "alice", "sensor");
    }

    @Test
    void mosquittoCtrlCreatesAClientThatCanThenUseItsTopics() throws Exception {
        createAlice();

        String client = ctrl("getClient", "alice").output;
        assertTrue(client.contains("Username: alice") && client.contains("Roles:    sensor"), client);
        assertEquals(0, MosquittoCli.pub(node.port(), "-u", "alice", "-P", "alicepw", "-t", "sensors/t", "-m", "1")
                .exitCode());
        assertEquals(5, MosquittoCli.pub(node.port(), "-u", "alice", "-P", "wrong", "-t", "sensors/t", "-m", "1")
                .exitCode());
    }

    @Test
    void subscriptionTheRolesDoNotAllowIsRefusedInTheSuback() throws Exception {
        createAlice();

        Mqtt5BlockingClient v5 = Mqtt5Client.builder().identifier("alice-5").serverHost(NodeProcess.HOST)
                .serverPort(node.port()).buildBlocking();
        v5.connectWith().simpleAuth().username("alice").password("alicepw".getBytes()).applySimpleAuth().send();
        Mqtt5SubAckException refused = assertThrows(Mqtt5SubAckException.class, () -> v5.subscribeWith()
                .addSubscription().topicFilter("sensors/#").applySubscription()
                .addSubscription().topicFilter("secret/#").applySubscription().send());
        assertEquals(List.of(Mqtt5SubAckReasonCode.GRANTED_QOS_2, Mqtt5SubAckReasonCode.NOT_AUTHORIZED),
                refused.getMqttMessage().getReasonCodes());
        v5.disconnect();

        Mqtt3BlockingClient v3 = Mqtt3Client.builder().identifier("alice-3").serverHost(NodeProcess.HOST)
                .serverPort(node.port()).buildBlocking();
        v3.connectWith().simpleAuth().username("alice").password("alicepw".getBytes()).applySimpleAuth().send();
        Mqtt3SubAckException refusedV3 = assertThrows(Mqtt3SubAckException.class,
                () -> v3.subscribeWith().topicFilter("secret/#").qos(MqttQos.AT_LEAST_ONCE).send());
        assertEquals(List.of(Mqtt3SubAckReturnCode.FAILURE), refusedV3.getMqttMessage().getReturnCodes());
        v3.disconnect();
    }

    @Test
    void disablingAClientDisconnectsItAndRefusesItsNextConnect() throws Exception {
        createAlice();
        Mqtt5BlockingClient alice = Mqtt5Client.builder().identifier("alice").serverHost(NodeProcess.HOST)
                .serverPort(node.port()).buildBlocking();
        alice.connectWith().simpleAuth().username("alice").password("alicepw".getBytes()).applySimpleAuth().send();
        assertTrue(alice.getState().isConnected());

        ctrl("disableClient", "alice");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !alice.getState().isConnectedOrReconnect());
        assertEquals(5, MosquittoCli.pub(node.port(), "-u", "alice", "-P", "alicepw", "-t", "sensors/t", "-m", "1")
                .exitCode());
    }

    @Test
    void changesSurviveARestartInAFileMosquittoItselfLoads() throws Exception {
        createAlice();
        node.restart();
        assertEquals(0, MosquittoCli.pub(node.port(), "-u", "alice", "-P", "alicepw", "-t", "sensors/t", "-m", "1")
                .exitCode(), "alice is still there after a restart");
        node.close();

        // the same file in Debian's Mosquitto with its plugin: alice is known there too
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"), "user " + System.getProperty("user.name")
                + "\nlistener " + node.port() + " " + NodeProcess.HOST + "\nallow_anonymous false\nplugin " + PLUGIN
                + "\nplugin_opt_config_file " + file + "\n");
        Process mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    MosquittoCli.pub(node.port(), "-u", "alice", "-P", "alicepw", "-t", "sensors/t", "-m", "1")
                            .exitCode() == 0);
            assertFalse(Files.readString(dir.resolve("mosquitto.log")).contains("Error"),
                    Files.readString(dir.resolve("mosquitto.log")));
        } finally {
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
