package io.starling.it.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.starling.it.NodeProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code persistence true}: persistent sessions outlive the node's process, clean ones do not. */
class SessionsAcrossRestartIT {

    @RegisterExtension
    final NodeProcess node = NodeProcess.durablePerTest();

    private void publish(String topic, int first, int last) {
        try (SessionClient publisher = SessionClient.connect(node, "publisher", true)) {
            for (int i = first; i <= last; i++) {
                publisher.publish(topic, "m" + i, 1); // returns on PUBACK
            }
        }
    }

    private static List<String> payloads(SessionClient client, int count) {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            payloads.add(client.next().payload());
        }
        return payloads;
    }

    private static List<String> expected(int first, int last) {
        List<String> expected = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            expected.add("m" + i);
        }
        return expected;
    }

    @Test
    void subscriptionAndQueuedMessagesSurviveACleanRestart() throws InterruptedException {
        try (SessionClient subscriber = SessionClient.connect(node, "sub-restart", false)) {
            subscriber.subscribe("plant/#", 1);
        }
        publish("plant/line1", 1, 5);

        node.restart();

        try (SessionClient subscriber = SessionClient.connect(node, "sub-restart", false)) {
            assertTrue(subscriber.sessionPresent(), node.tail());
            assertEquals(expected(1, 5), payloads(subscriber, 5), node.tail());
            publish("plant/line2", 6, 6); // the subscription itself came back too
            assertEquals("m6", subscriber.next().payload());
            assertEquals(List.of(), subscriber.drain(300));
        }
    }

    @Test
    void queuedMessagesSurviveKill9RightAfterTheirPubacks() {
        try (SessionClient subscriber = SessionClient.connect(node, "sub-kill", false)) {
            subscriber.subscribe("orders", 1);
        }
        publish("orders", 1, 50);
        node.kill9();

        node.restart();

        try (SessionClient subscriber = SessionClient.connect(node, "sub-kill", false)) {
            assertTrue(subscriber.sessionPresent(), node.tail());
            assertEquals(expected(1, 50), payloads(subscriber, 50), node.tail());
        }
    }

    @Test
    void inflightMessageIsRedeliveredWithDupAndItsPacketIdAfterKill9() {
        SessionClient subscriber = SessionClient.connectWithoutAcks(node, "sub-inflight", false);
        subscriber.subscribe("alarm", 1);
        publish("alarm", 1, 1);
        SessionClient.Received first = subscriber.next();
        assertFalse(first.duplicate());
        // the session records in order: once m2 is acknowledged to its publisher, m1 is recorded as sent
        publish("alarm", 2, 2);
        node.kill9();
        subscriber.drop();

        node.restart();

        try (SessionClient again = SessionClient.connect(node, "sub-inflight", false)) {
            assertTrue(again.sessionPresent(), node.tail());
            SessionClient.Received resent = again.next();
            assertEquals("m1", resent.payload());
            assertTrue(resent.duplicate(), "redelivery carries DUP");
            assertEquals(first.packetId(), resent.packetId(), "same packet identifier");
            assertEquals("m2", again.next().payload());
        }
    }

    @Test
    void acknowledgedMessagesAreNotDeliveredAgainAfterRestart() throws InterruptedException {
        try (SessionClient subscriber = SessionClient.connect(node, "sub-acked", false)) {
            subscriber.subscribe("news", 1);
            publish("news", 1, 3);
            assertEquals(expected(1, 3), payloads(subscriber, 3));
        }

        node.restart();

        try (SessionClient subscriber = SessionClient.connect(node, "sub-acked", false)) {
            assertTrue(subscriber.sessionPresent(), node.tail());
            assertEquals(List.of(), subscriber.drain(500));
        }
    }

    @Test
    void cleanSessionLeavesNothingBehindAfterRestart() throws InterruptedException {
        try (SessionClient subscriber = SessionClient.connect(node, "sub-clean", true)) {
            subscriber.subscribe("clean/#", 1);
        }
        try (SessionClient persistent = SessionClient.connect(node, "sub-ended", false)) {
            persistent.subscribe("clean/#", 1);
        }
        // a clean session ends the persistent session of the same client id
        SessionClient.connect(node, "sub-ended", true).close();
        publish("clean/x", 1, 1);

        node.restart();

        for (String id : List.of("sub-clean", "sub-ended")) {
            try (SessionClient subscriber = SessionClient.connect(node, id, false)) {
                assertFalse(subscriber.sessionPresent(), id + ": " + node.tail());
                assertEquals(List.of(), subscriber.drain(300));
            }
        }
    }

    @Test
    void sessionThatExpiresWhileTheNodeIsDownIsGone() throws InterruptedException {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("sub-expiring")
                .serverHost(node.host()).serverPort(node.port()).buildBlocking();
        client.connectWith().cleanStart(true).sessionExpiryInterval(2).send();
        client.subscribeWith().topicFilter("expiring").qos(MqttQos.AT_LEAST_ONCE).send();
        client.disconnect();
        long disconnectedAt = System.currentTimeMillis();
        Mqtt5BlockingClient lasting = MqttClient.builder().useMqttVersion5().identifier("sub-lasting")
                .serverHost(node.host()).serverPort(node.port()).buildBlocking();
        lasting.connectWith().cleanStart(true).sessionExpiryInterval(3600).send();
        lasting.subscribeWith().topicFilter("expiring").qos(MqttQos.AT_LEAST_ONCE).send();
        lasting.disconnect();
        node.stop();
        while (System.currentTimeMillis() < disconnectedAt + 3_000) { // bounded: about 3 s
            Thread.sleep(100);
        }

        node.restart();

        assertFalse(client.connectWith().cleanStart(false).sessionExpiryInterval(2).send().isSessionPresent(),
                node.tail());
        client.disconnect();
        assertTrue(lasting.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().isSessionPresent(),
                node.tail());
        lasting.disconnect();
    }
}
