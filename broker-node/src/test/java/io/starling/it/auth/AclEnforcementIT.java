package io.starling.it.auth;

import static io.starling.it.v5.HiveClients.next;
import static io.starling.it.v5.HiveClients.text;
import static io.starling.it.v5.HiveClients.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.starling.it.TestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An {@code acl_file} as Mosquitto 2.0 applies it, seen by real clients: every SUBSCRIBE is
 * granted and each delivery is checked, so a subscriber to {@code #} never receives what the ACL
 * hides from it; a denied PUBLISH is dropped silently (MQTT 5 at QoS 1: PUBACK 0x87). There is no
 * password file, so any username is taken as given.
 *
 * <p>What must not arrive is checked with a marker: each test's publisher sends the hidden message
 * first and a visible one last, and messages of one publisher arrive in order, so once the marker
 * is there the hidden one would have been too.
 */
class AclEnforcementIT {

    private static final String ACL = """
            # anonymous clients
            topic read public/#

            user alice
            topic readwrite alice/#
            topic read public/#
            topic deny alice/private/#

            user admin
            topic readwrite #
            """;

    private static TestBroker broker;
    private final List<Runnable> cleanup = new ArrayList<>();

    @BeforeAll
    static void start() {
        broker = TestBroker.start("acl_file " + write(ACL) + "\n");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @AfterEach
    void disconnect() {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).run();
        }
    }

    private static Path write(String text) {
        try {
            Path file = Files.createTempFile("starling-acl", ".acl");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Mqtt5BlockingClient v5(String username) {
        Mqtt5BlockingClient client = Mqtt5Client.builder()
                .identifier(username + "-" + UUID.randomUUID())
                .serverHost(broker.host())
                .serverPort(broker.port())
                .buildBlocking();
        client.connectWith().simpleAuth().username(username).applySimpleAuth().send();
        cleanup.add(client::disconnect);
        return client;
    }

    @Test
    void subscriberToEverythingReceivesOnlyWhatItsAclLetsItRead() {
        Mqtt5BlockingClient alice = v5("alice");
        Mqtt5Publishes received = alice.publishes(MqttGlobalPublishFilter.ALL);
        Mqtt5SubAck ack = alice.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send();
        assertEquals(List.of(Mqtt5SubAckReasonCode.GRANTED_QOS_1), ack.getReasonCodes(),
                "an ACL file grants the subscription and checks each delivery");

        Mqtt5BlockingClient admin = v5("admin");
        for (String topic : List.of("secret/a", "alice/private/b", "public/c", "alice/d")) {
            admin.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8(topic)).send();
        }

        assertEquals("public/c", next(received).getTopic().toString());
        assertEquals("alice/d", next(received).getTopic().toString(), "secret/a and alice/private/b are hidden");
    }

    @Test
    void deniedQos1PublishGetsNotAuthorizedPubackAndReachesNobody() {
        Mqtt5BlockingClient admin = v5("admin");
        Mqtt5Publishes received = admin.publishes(MqttGlobalPublishFilter.ALL);
        admin.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send();

        Mqtt5BlockingClient alice = v5("alice");
        Mqtt5PubAckException denied = assertThrows(Mqtt5PubAckException.class,
                () -> alice.publishWith().topic("secret/x").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("no")).send());
        assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, denied.getMqttMessage().getReasonCode());
        alice.publishWith().topic("alice/x").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("yes")).send();

        assertEquals("yes", text(next(received)), "the denied message is dropped, the connection stays");
        assertTrue(alice.getState().isConnected());
    }

    @Test
    void deniedPublishFromMqtt311ClientIsAcknowledgedAndDroppedSilently() {
        Mqtt5BlockingClient admin = v5("admin");
        Mqtt5Publishes received = admin.publishes(MqttGlobalPublishFilter.ALL);
        admin.subscribeWith().topicFilter("v3/#").qos(MqttQos.EXACTLY_ONCE).send();

        Mqtt3BlockingClient alice = Mqtt3Client.builder().identifier("alice-v3").serverHost(broker.host())
                .serverPort(broker.port()).buildBlocking();
        alice.connectWith().simpleAuth().username("alice").applySimpleAuth().send();
        cleanup.add(alice::disconnect);
        for (MqttQos qos : MqttQos.values()) {
            // QoS 1 and 2 complete: 3.1.1 has no way to say "not authorised"
            alice.publishWith().topic("v3/" + qos).qos(qos).payload(utf8("no")).send();
        }
        admin.publishWith().topic("v3/marker").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("yes")).send();

        assertEquals("v3/marker", next(received).getTopic().toString());
    }

    @Test
    void retainedMessageHiddenByTheAclIsNotSentOnSubscribe() {
        Mqtt5BlockingClient admin = v5("admin");
        admin.publishWith().topic("secret/retained").retain(true).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("hidden")).send();
        cleanup.add(() -> admin.publishWith().topic("secret/retained").retain(true).qos(MqttQos.AT_LEAST_ONCE)
                .payload(new byte[0]).send());

        Mqtt5BlockingClient anonymous = Mqtt5Client.builder().identifier("anon-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
        anonymous.connect();
        cleanup.add(anonymous::disconnect);
        Mqtt5Publishes received = anonymous.publishes(MqttGlobalPublishFilter.ALL);
        anonymous.subscribeWith().topicFilter("secret/#").qos(MqttQos.AT_LEAST_ONCE).send();
        anonymous.subscribeWith().topicFilter("public/marker").send();
        admin.publishWith().topic("public/marker").payload(utf8("after")).send();

        assertEquals("after", text(next(received)), "the retained secret was not sent before the marker");
    }

    @Test
    void anonymousClientReadsOnlyTheAnonymousSection() {
        Mqtt5BlockingClient anonymous = Mqtt5Client.builder().identifier("anon-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
        anonymous.connect();
        cleanup.add(anonymous::disconnect);
        Mqtt5Publishes received = anonymous.publishes(MqttGlobalPublishFilter.ALL);
        anonymous.subscribeWith().topicFilter("#").send();

        Mqtt5BlockingClient admin = v5("admin");
        admin.publishWith().topic("alice/for-alice").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("a")).send();
        admin.publishWith().topic("public/news").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("b")).send();

        assertEquals("public/news", next(received).getTopic().toString());
    }
}
