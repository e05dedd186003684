package io.starling.it.core;

import static io.starling.it.raw.RawClient.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient.Mqtt3Publishes;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.starling.it.TestBroker;
import io.starling.it.raw.RawClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retained messages: set, replace, clear, the retain flag on delivery, wildcard retrieval. */
class RetainedIT {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration QUIET = Duration.ofMillis(500);
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    /** Publishes from a short-lived client that has disconnected when this returns. */
    private static void publish(String topic, String payload, MqttQos qos, boolean retain) {
        Mqtt3BlockingClient pub = HiveClients.connected(broker, Ids.unique("pub"));
        pub.publishWith().topic(topic).payload(utf8(payload)).qos(qos).retain(retain).send();
        pub.disconnect();
    }

    /** What a new subscriber to {@code filter} receives (waiting at most {@code QUIET} after the last). */
    private static List<Mqtt3Publish> subscribeAndCollect(String filter, MqttQos qos, int expected) {
        Mqtt3BlockingClient sub = HiveClients.connected(broker, Ids.unique("sub"));
        try (Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(filter).qos(qos).send();
            List<Mqtt3Publish> got = HiveClients.receive(publishes, expected, WAIT);
            HiveClients.assertNoMore(publishes, QUIET);
            return got;
        } finally {
            sub.disconnect();
        }
    }

    @Test
    void retainedMessageIsDeliveredToALaterSubscriberWithTheRetainFlagSet() {
        String topic = Ids.unique("retain/set");
        publish(topic, "kept", MqttQos.AT_LEAST_ONCE, true);

        Mqtt3Publish p = subscribeAndCollect(topic, MqttQos.AT_LEAST_ONCE, 1).get(0);
        assertEquals(topic, p.getTopic().toString());
        assertEquals("kept", HiveClients.text(p));
        assertTrue(p.isRetain(), "a retained message sent on subscribe has RETAIN=1");
        assertEquals(MqttQos.AT_LEAST_ONCE, p.getQos());
    }

    @Test
    void newerRetainedPublishReplacesTheRetainedMessage() {
        String topic = Ids.unique("retain/replace");
        publish(topic, "old", MqttQos.AT_MOST_ONCE, true);
        publish(topic, "new", MqttQos.AT_MOST_ONCE, true);

        Mqtt3Publish p = subscribeAndCollect(topic, MqttQos.AT_MOST_ONCE, 1).get(0);
        assertEquals("new", HiveClients.text(p));
        assertTrue(p.isRetain());
    }

    @Test
    void emptyRetainedPublishClearsTheRetainedMessage() {
        String topic = Ids.unique("retain/clear");
        publish(topic, "soon gone", MqttQos.AT_LEAST_ONCE, true);
        publish(topic, "", MqttQos.AT_LEAST_ONCE, true);

        assertEquals(List.of(), subscribeAndCollect(topic, MqttQos.AT_LEAST_ONCE, 0));
    }

    @Test
    void nonRetainedPublishLeavesTheRetainedMessageInPlace() {
        String topic = Ids.unique("retain/keep");
        publish(topic, "retained", MqttQos.AT_MOST_ONCE, true);
        publish(topic, "passing by", MqttQos.AT_MOST_ONCE, false);

        Mqtt3Publish p = subscribeAndCollect(topic, MqttQos.AT_MOST_ONCE, 1).get(0);
        assertEquals("retained", HiveClients.text(p));
    }

    @Test
    void liveDeliveryOfARetainedPublishToAnExistingSubscriberHasTheRetainFlagCleared() {
        // MQTT 3.1.1 [MQTT-3.3.1-9]: RETAIN=0 when sent because of an established subscription
        String topic = Ids.unique("retain/live");
        Mqtt3BlockingClient sub = HiveClients.connected(broker, Ids.unique("sub"));
        try (Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            publish(topic, "live", MqttQos.AT_LEAST_ONCE, true);
            Mqtt3Publish p = HiveClients.receiveOne(publishes);
            assertEquals("live", HiveClients.text(p));
            assertFalse(p.isRetain(), "live delivery has RETAIN=0");
        } finally {
            sub.disconnect();
        }
    }

    @Test
    void emptyRetainedPublishIsStillDeliveredToCurrentSubscribers() {
        // MQTT 3.1.1 3.3.1.3: a zero-byte retained PUBLISH "will be processed as normal by the Server"
        String topic = Ids.unique("retain/emptylive");
        Mqtt3BlockingClient sub = HiveClients.connected(broker, Ids.unique("sub"));
        try (Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            publish(topic, "", MqttQos.AT_LEAST_ONCE, true);
            Mqtt3Publish p = HiveClients.receiveOne(publishes);
            assertEquals(0, p.getPayloadAsBytes().length);
            assertFalse(p.isRetain());
        } finally {
            sub.disconnect();
        }
    }

    @Test
    void wildcardSubscriptionReceivesEveryMatchingRetainedMessage() {
        String root = Ids.unique("retain/wild");
        publish(root + "/a", "A", MqttQos.AT_MOST_ONCE, true);
        publish(root + "/b/c", "BC", MqttQos.AT_MOST_ONCE, true);
        publish(root + "/d", "D", MqttQos.AT_MOST_ONCE, true);
        publish(root + "-other/a", "not under the filter", MqttQos.AT_MOST_ONCE, true);

        Map<String, String> byTopic = new TreeMap<>();
        for (Mqtt3Publish p : subscribeAndCollect(root + "/#", MqttQos.AT_MOST_ONCE, 3)) {
            assertTrue(p.isRetain(), p.getTopic() + " has RETAIN=1");
            byTopic.put(p.getTopic().toString(), HiveClients.text(p));
        }
        assertEquals(Map.of(root + "/a", "A", root + "/b/c", "BC", root + "/d", "D"), byTopic);
    }

    @Test
    void retainedMessageIsDeliveredAtTheLowerOfItsQosAndTheSubscriptionQos() {
        String high = Ids.unique("retain/qos2");
        String low = Ids.unique("retain/qos1");
        publish(high, "stored at 2", MqttQos.EXACTLY_ONCE, true);
        publish(low, "stored at 1", MqttQos.AT_LEAST_ONCE, true);

        assertEquals(MqttQos.AT_LEAST_ONCE, subscribeAndCollect(high, MqttQos.AT_LEAST_ONCE, 1).get(0).getQos());
        assertEquals(MqttQos.AT_LEAST_ONCE, subscribeAndCollect(low, MqttQos.EXACTLY_ONCE, 1).get(0).getQos());
        assertEquals(MqttQos.AT_MOST_ONCE, subscribeAndCollect(high, MqttQos.AT_MOST_ONCE, 1).get(0).getQos());
    }

    @Test
    void subscribingAgainDeliversTheRetainedMessageAgain() throws Exception {
        // MQTT 3.1.1 [MQTT-3.8.4-3]: a repeated SUBSCRIBE replaces the subscription and re-sends retained messages
        String topic = Ids.unique("retain/resub");
        publish(topic, "twice", MqttQos.AT_LEAST_ONCE, true);
        PahoCollector received = new PahoCollector();
        MqttClient c = PahoCollector.connect(broker, Ids.unique("p"), PahoCollector.options(true), received);
        try {
            c.subscribe(topic, 1);
            PahoCollector.Received first = received.next(WAIT);
            assertTrue(first.message().isRetained());
            c.subscribe(topic, 1);
            PahoCollector.Received second = received.next(WAIT);
            assertEquals("twice", second.text());
            assertTrue(second.message().isRetained());
            received.assertNoMore(QUIET);
        } finally {
            c.disconnect();
            c.close();
        }
    }

    @Test
    void mqtt31SubscriberReceivesRetainedMessageWithTheRetainFlagSet() throws Exception {
        String topic = Ids.unique("retain/v31");
        publish(topic, "for 3.1", MqttQos.AT_LEAST_ONCE, true);
        MqttConnectOptions options = PahoCollector.options(true);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
        PahoCollector received = new PahoCollector();
        MqttClient c = PahoCollector.connect(broker, Ids.unique("p31"), options, received);
        try {
            c.subscribe(topic, 1);
            PahoCollector.Received r = received.next(WAIT);
            assertEquals("for 3.1", r.text());
            assertTrue(r.message().isRetained());
            assertEquals(1, r.message().getQos());
        } finally {
            c.disconnect();
            c.close();
        }
    }
}
