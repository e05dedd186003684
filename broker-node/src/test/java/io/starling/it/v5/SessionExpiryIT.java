package io.starling.it.v5;

import static io.starling.it.v5.HiveClients.assertNothingReceived;
import static io.starling.it.v5.HiveClients.next;
import static io.starling.it.v5.HiveClients.text;
import static io.starling.it.v5.HiveClients.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.starling.it.TestBroker;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session Expiry Interval and Clean Start: how long a session outlives its connection. */
class SessionExpiryIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");
    private static Mqtt5BlockingClient publisher;

    @BeforeAll
    static void connectPublisher() {
        publisher = HiveClients.connected(broker, "se-publisher");
    }

    @AfterAll
    static void disconnectPublisher() {
        HiveClients.disconnectQuietly(publisher);
    }

    /** Connects, subscribes at QoS 1 and disconnects normally, leaving a session behind (or not). */
    private static void leaveSession(String clientId, String topic, long sessionExpirySeconds) {
        Mqtt5BlockingClient c = HiveClients.client(broker, clientId);
        c.connectWith().cleanStart(true).sessionExpiryInterval(sessionExpirySeconds).send();
        c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        c.disconnect();
    }

    /** A QoS 1 probe answered with PUBACK 0x10 (No matching subscribers). */
    private static boolean nobodySubscribes(String topic) {
        Mqtt5PublishResult result = publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("probe")).send();
        return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode()
                == Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS;
    }

    private static void publish(String topic, String payload) {
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8(payload)).send();
    }

    @Test
    void sessionIsKeptForTheSessionExpiryIntervalThenDiscarded() throws InterruptedException {
        String id = "se-kept";
        String topic = "se/kept";
        leaveSession(id, topic, 2);
        publish(topic, "while-away");

        Mqtt5BlockingClient c = HiveClients.client(broker, id);
        try (Mqtt5Publishes received = c.publishes(MqttGlobalPublishFilter.ALL)) {
            assertTrue(c.connectWith().cleanStart(false).sessionExpiryInterval(2).send().isSessionPresent(),
                    "session present within the interval");
            assertEquals("while-away", text(next(received)), "message queued while away");
            c.disconnect();
        }

        // past the interval (2 s) plus a second for a broker that checks expiry once a second
        Thread.sleep(3_500);
        publish(topic, "after-expiry");
        try (Mqtt5Publishes received = c.publishes(MqttGlobalPublishFilter.ALL)) {
            assertFalse(c.connectWith().cleanStart(false).sessionExpiryInterval(0).send().isSessionPresent(),
                    "session gone after the interval");
            assertNothingReceived(received);
            c.disconnect();
        }
    }

    @Test
    void sessionExpiryZeroEndsTheSessionAtDisconnect() {
        String id = "se-zero";
        String topic = "se/zero";
        leaveSession(id, topic, 0);
        publish(topic, "nobody-home");

        Mqtt5BlockingClient c = HiveClients.client(broker, id);
        try (Mqtt5Publishes received = c.publishes(MqttGlobalPublishFilter.ALL)) {
            assertFalse(c.connectWith().cleanStart(false).send().isSessionPresent(), "no session kept");
            assertNothingReceived(received);
            c.disconnect();
        }
    }

    @Test
    void cleanStartDiscardsAnExistingSession() {
        String id = "se-clean";
        String topic = "se/clean";
        leaveSession(id, topic, 60);

        Mqtt5BlockingClient c = HiveClients.client(broker, id);
        try (Mqtt5Publishes received = c.publishes(MqttGlobalPublishFilter.ALL)) {
            assertFalse(c.connectWith().cleanStart(true).send().isSessionPresent(), "clean start: no session");
            publish(topic, "old-subscription");
            assertNothingReceived(received);
            c.disconnect();
        }
    }

    @Test
    void sessionExpiryIntervalInDisconnectReplacesTheConnectValue() {
        String id = "se-disconnect";
        String topic = "se/disconnect";
        Mqtt5BlockingClient c = HiveClients.client(broker, id);
        c.connectWith().cleanStart(true).sessionExpiryInterval(60).send();
        c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        c.disconnectWith().sessionExpiryInterval(0).send();
        // the DISCONNECT and the next CONNECT travel on two connections, which the broker reads
        // independently: wait until it has handled the DISCONNECT (the subscription is gone)
        await().atMost(Duration.ofSeconds(5)).until(() -> nobodySubscribes(topic));

        try (Mqtt5Publishes received = c.publishes(MqttGlobalPublishFilter.ALL)) {
            assertFalse(c.connectWith().cleanStart(false).send().isSessionPresent(),
                    "DISCONNECT with Session Expiry 0 ended the session");
            publish(topic, "old-subscription");
            assertNothingReceived(received);
            c.disconnect();
        }
    }
}
