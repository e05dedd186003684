package io.starling.it.auth;

import static io.starling.it.auth.PasswordAuthIT.mosquittoPasswd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRecReasonCode;
import io.starling.it.NodeProcess;
import io.starling.it.core.MosquittoCli;
import io.starling.it.core.MosquittoCli.Result;
import io.starling.it.core.MosquittoCli.RunningSub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP, as Mosquitto users send it ({@code kill -HUP}, {@code systemctl reload}): the node reads
 * its password and ACL files again, keeps every connection, and applies the new rules to the next
 * operations, those of connected clients included; a bad file is refused and the old rules stay.
 * {@code starling-ctrl reload} does the same through {@code $CONTROL/starling/v1}.
 */
class ReloadIT {

    @TempDir
    Path dir;
    private Path passwd;
    private Path acl;
    private NodeProcess node;

    @BeforeEach
    void start() throws Exception {
        passwd = dir.resolve("passwd");
        acl = dir.resolve("acl");
        mosquittoPasswd("-c", "-b", passwd.toString(), "alice", "secret");
        Files.writeString(acl, "user alice\ntopic readwrite alice/#\ntopic readwrite $CONTROL/starling/#\n");
        node = NodeProcess.start(dir, "allow_anonymous false\npassword_file " + passwd + "\nacl_file " + acl + "\n");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private Result pub(String user, String password, String topic) {
        return MosquittoCli.pub(node.port(), "-u", user, "-P", password, "-t", topic, "-m", user, "-q", "1");
    }

    @Test
    void reloadLetsNewUsersInAndGivesConnectedClientsTheNewRules() throws Exception {
        RunningSub alice = MosquittoCli.sub(node.port(), "-u", "alice", "-P", "secret", "-t", "news/#", "-C", "1",
                "-v");
        assertEquals(5, pub("bob", "builder", "news/today").exitCode(), "bob is not in the file yet");

        mosquittoPasswd("-b", passwd.toString(), "bob", "builder");
        Files.writeString(acl, "user alice\ntopic readwrite alice/#\ntopic read news/#\n"
                + "user bob\ntopic write news/#\n");
        node.hangUp();
        node.awaitOutput("Reloaded password and ACL files.");

        assertEquals(0, pub("bob", "builder", "news/today").exitCode());
        Result received = alice.awaitExit(Duration.ofSeconds(10));
        assertEquals(List.of("news/today bob"), received.lines(),
                "alice's connection from before the reload stayed and may now read news/#");
    }

    @Test
    void malformedFileOnReloadIsRefusedAndTheOldRulesStay() throws Exception {
        Files.writeString(passwd, "alice\n", java.nio.file.StandardOpenOption.APPEND);
        node.hangUp();
        node.awaitOutput("Reload refused, keeping the current password and ACL files: " + passwd + ":2:");

        assertEquals(0, pub("alice", "secret", "alice/still").exitCode());
    }

    @Test
    void starlingCtrlReloadAppliesNewFilesAndReportsARefusedOne() throws Exception {
        assertEquals(5, pub("bob", "builder", "alice/x").exitCode());
        mosquittoPasswd("-b", passwd.toString(), "bob", "builder");

        Ctl reload = starlingCtrl("-u", "alice", "-P", "secret", "reload");
        assertEquals(0, reload.exitCode(), reload.output());
        assertEquals(0, pub("bob", "builder", "bob/x").exitCode(), "bob is in after the reload");

        Files.writeString(acl, "topic nonsense a/b\n");
        Ctl refused = starlingCtrl("-u", "alice", "-P", "secret", "reload");
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("reload refused: " + acl + ":1:"), refused.output());
        assertEquals(0, pub("alice", "secret", "alice/y").exitCode(), "the old ACL is still in force");
    }

    @Test
    void reloadRequestedAtQos2FromMqtt5CompletesItsHandshakeAndIsAnswered() throws Exception {
        Mqtt5BlockingClient alice = Mqtt5Client.builder().identifier("alice-qos2").serverHost(NodeProcess.HOST)
                .serverPort(node.port()).buildBlocking();
        alice.connectWith().simpleAuth().username("alice").password("secret".getBytes()).applySimpleAuth().send();
        try (Mqtt5BlockingClient.Mqtt5Publishes answers = alice.publishes(MqttGlobalPublishFilter.ALL)) {
            alice.subscribeWith().topicFilter("$CONTROL/starling/v1/response").send();
            Mqtt5PublishResult.Mqtt5Qos2Result result = (Mqtt5PublishResult.Mqtt5Qos2Result) alice.publishWith()
                    .topic("$CONTROL/starling/v1").qos(MqttQos.EXACTLY_ONCE)
                    .payload("{\"commands\":[{\"command\":\"reload\"}]}".getBytes()).send();
            assertEquals(Mqtt5PubRecReasonCode.SUCCESS, result.getPubRec().getReasonCode());
            Mqtt5Publish answer = answers.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertEquals("{\"responses\":[{\"command\":\"reload\"}]}", new String(answer.getPayloadAsBytes()));
        } finally {
            alice.disconnect();
        }
    }

    private record Ctl(int exitCode, String output) {
    }

    /** Runs the real starling-ctrl (the shaded jar's main class) against the node. */
    private Ctl starlingCtrl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("starling.jar"), "io.starling.cli.StarlingCtrl",
                "-h", NodeProcess.HOST, "-p", String.valueOf(node.port())));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "starling-ctrl did not finish");
        return new Ctl(process.exitValue(), new String(process.getInputStream().readAllBytes()));
    }
}
