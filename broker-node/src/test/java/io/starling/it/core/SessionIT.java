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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clean and persistent sessions: subscriptions across reconnects and the offline message queue. */
class SessionIT {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration QUIET = Duration.ofMillis(500);
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    private static void publish(TestBroker target, String topic, String payload, MqttQos qos) {
        Mqtt3BlockingClient pub = HiveClients.connected(target, Ids.unique("pub"));
        pub.publishWith().topic(topic).payload(utf8(payload)).qos(qos).send();
        pub.disconnect();
    }

    /** Connects a persistent session, subscribes and disconnects normally. */
    private static void subscribeAndGoOffline(TestBroker target, String clientId, String filter, MqttQos qos) {
        Mqtt3BlockingClient c = HiveClients.client(target, clientId);
        c.connectWith().cleanSession(false).send();
        c.subscribeWith().topicFilter(filter).qos(qos).send();
        c.disconnect();
    }

    /**
     * Reconnects a persistent session and returns what it receives without subscribing again;
     * asserts that nothing more than {@code expected} messages arrives.
     */
    private static List<Mqtt3Publish> reconnectAndCollect(TestBroker target, String clientId, int expected) {
        Mqtt3BlockingClient c = HiveClients.client(target, clientId);
        // registered before CONNECT, so messages sent right after the CONNACK are not missed
        try (Mqtt3Publishes publishes = c.publishes(MqttGlobalPublishFilter.ALL)) {
            assertTrue(c.connectWith().cleanSession(false).send().isSessionPresent(), "session present");
            List<Mqtt3Publish> got = HiveClients.receive(publishes, expected, WAIT);
            HiveClients.assertNoMore(publishes, QUIET);
            return got;
        } finally {
            c.disconnect();
        }
    }

    @Test
    void subscriptionOfAPersistentSessionSurvivesReconnect() {
        String id = Ids.unique("keep");
        String topic = Ids.unique("session/keep");
        subscribeAndGoOffline(broker, id, topic, MqttQos.AT_LEAST_ONCE);

        Mqtt3BlockingClient c = HiveClients.client(broker, id);
        try (Mqtt3Publishes publishes = c.publishes(MqttGlobalPublishFilter.ALL)) {
            assertTrue(c.connectWith().cleanSession(false).send().isSessionPresent());
            // no SUBSCRIBE this time
            publish(broker, topic, "still subscribed", MqttQos.AT_LEAST_ONCE);
            Mqtt3Publish p = HiveClients.receiveOne(publishes);
            assertEquals("still subscribed", HiveClients.text(p));
            assertEquals(MqttQos.AT_LEAST_ONCE, p.getQos());
        } finally {
            c.disconnect();
        }
    }

    @Test
    void qos1AndQos2MessagesPublishedWhileOfflineAreDeliveredOnReconnectInOrderPerQos() throws Exception {
        String id = Ids.unique("queued");
        String topic = Ids.unique("session/queued");
        PahoCollector ignored = new PahoCollector();
        MqttClient sub = PahoCollector.connect(broker, id, PahoCollector.options(false), ignored);
        sub.subscribe(topic, 2);
        sub.disconnect();
        sub.close();

        MqttClient pub = PahoCollector.connect(broker, Ids.unique("ppub"), PahoCollector.options(true), new PahoCollector());
        for (int i = 0; i < 20; i++) {
            pub.publish(topic, utf8("m" + i), i % 2 == 0 ? 1 : 2, false);
        }
        pub.disconnect();
        pub.close();

        PahoCollector received = new PahoCollector();
        MqttClient again = PahoCollector.connect(broker, id, PahoCollector.options(false), received);
        try {
            // MQTT 3.1.1 4.6 promises order per topic and QoS, so each QoS keeps its own order
            List<PahoCollector.Received> got = received.next(20, WAIT);
            List<String> qos1 = new ArrayList<>();
            List<String> qos2 = new ArrayList<>();
            for (PahoCollector.Received r : got) {
                assertEquals(topic, r.topic());
                (r.message().getQos() == 1 ? qos1 : qos2).add(r.text());
            }
            List<String> expected1 = new ArrayList<>();
            List<String> expected2 = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                (i % 2 == 0 ? expected1 : expected2).add("m" + i);
            }
            assertEquals(expected1, qos1, "QoS 1 messages");
            assertEquals(expected2, qos2, "QoS 2 messages");
            received.assertNoMore(QUIET);
        } finally {
            again.disconnect();
            again.close();
        }
    }

    @Test
    void hundredQos1MessagesQueuedOfflineArriveInPublishOrder() {
        String id = Ids.unique("order");
        String topic = Ids.unique("session/order");
        subscribeAndGoOffline(broker, id, topic, MqttQos.AT_LEAST_ONCE);
        Mqtt3BlockingClient pub = HiveClients.connected(broker, Ids.unique("pub"));
        for (int i = 0; i < 100; i++) {
            pub.publishWith().topic(topic).payload(utf8("m" + i)).qos(MqttQos.AT_LEAST_ONCE).send();
        }
        pub.disconnect();

        List<Mqtt3Publish> got = reconnectAndCollect(broker, id, 100);
        for (int i = 0; i < 100; i++) {
            assertEquals("m" + i, HiveClients.text(got.get(i)), "message " + i);
        }
    }

    @Test
    void qos0MessagesAreNotQueuedForAnOfflinePersistentSession() {
        // Mosquitto's default: queue_qos0_messages false
        String id = Ids.unique("noqos0");
        String topic = Ids.unique("session/qos0");
        subscribeAndGoOffline(broker, id, topic, MqttQos.AT_LEAST_ONCE);
        publish(broker, topic, "qos 0 is dropped", MqttQos.AT_MOST_ONCE);
        publish(broker, topic, "qos 1 is queued", MqttQos.AT_LEAST_ONCE);

        List<Mqtt3Publish> got = reconnectAndCollect(broker, id, 1);
        assertEquals("qos 1 is queued", HiveClients.text(got.get(0)));
    }

    @Test
    void messagesDowngradedToQos0ByTheSubscriptionAreNotQueuedOffline() {
        String id = Ids.unique("sub0");
        String topic = Ids.unique("session/sub0");
        subscribeAndGoOffline(broker, id, topic, MqttQos.AT_MOST_ONCE);
        publish(broker, topic, "delivered at QoS 0: not queued", MqttQos.EXACTLY_ONCE);

        assertEquals(List.of(), reconnectAndCollect(broker, id, 0));
    }

    @Test
    void queueQos0MessagesTrueQueuesQos0MessagesForOfflineSessions() {
        try (TestBroker queuing = TestBroker.start("queue_qos0_messages true\n")) {
            subscribeAndGoOffline(queuing, "q0-sub", "session/q0", MqttQos.AT_LEAST_ONCE);
            publish(queuing, "session/q0", "kept although QoS 0", MqttQos.AT_MOST_ONCE);

            Mqtt3Publish p = reconnectAndCollect(queuing, "q0-sub", 1).get(0);
            assertEquals("kept although QoS 0", HiveClients.text(p));
            assertEquals(MqttQos.AT_MOST_ONCE, p.getQos());
        }
    }

    @Test
    void cleanSessionConnectDiscardsTheStoredSessionAndItsQueue() {
        String id = Ids.unique("wipe");
        String topic = Ids.unique("session/wipe");
        subscribeAndGoOffline(broker, id, topic, MqttQos.AT_LEAST_ONCE);
        publish(broker, topic, "queued, then discarded", MqttQos.AT_LEAST_ONCE);

        Mqtt3BlockingClient clean = HiveClients.client(broker, id);
        try (Mqtt3Publishes publishes = clean.publishes(MqttGlobalPublishFilter.ALL)) {
            assertFalse(clean.connectWith().cleanSession(true).send().isSessionPresent());
            HiveClients.assertNoMore(publishes, QUIET);
        } finally {
            clean.disconnect();
        }

        publish(broker, topic, "no subscription any more", MqttQos.AT_LEAST_ONCE);
        Mqtt3BlockingClient persistent = HiveClients.client(broker, id);
        try (Mqtt3Publishes publishes = persistent.publishes(MqttGlobalPublishFilter.ALL)) {
            assertFalse(persistent.connectWith().cleanSession(false).send().isSessionPresent(),
                    "the clean session ended with its connection");
            HiveClients.assertNoMore(publishes, QUIET);
        } finally {
            persistent.disconnect();
        }
    }

    @Test
    void subscriptionsOfACleanSessionDoNotSurviveReconnect() throws Exception {
        String id = Ids.unique("forget");
        String topic = Ids.unique("session/forget");
        MqttClient first = PahoCollector.connect(broker, id, PahoCollector.options(true), new PahoCollector());
        first.subscribe(topic, 1);
        first.disconnect();
        first.close();

        PahoCollector received = new PahoCollector();
        MqttClient second = PahoCollector.connect(broker, id, PahoCollector.options(true), received);
        try {
            publish(broker, topic, "nobody listens", MqttQos.AT_LEAST_ONCE);
            received.assertNoMore(QUIET);
        } finally {
            second.disconnect();
            second.close();
        }
    }

    @Test
    void unsubscribeInAPersistentSessionIsRememberedAcrossReconnect() {
        String id = Ids.unique("unsub");
        String kept = Ids.unique("session/kept");
        String dropped = Ids.unique("session/dropped");
        Mqtt3BlockingClient c = HiveClients.client(broker, id);
        c.connectWith().cleanSession(false).send();
        c.subscribeWith().topicFilter(kept).qos(MqttQos.AT_LEAST_ONCE).send();
        c.subscribeWith().topicFilter(dropped).qos(MqttQos.AT_LEAST_ONCE).send();
        c.unsubscribeWith().topicFilter(dropped).send();
        c.disconnect();

        publish(broker, dropped, "unsubscribed", MqttQos.AT_LEAST_ONCE);
        publish(broker, kept, "subscribed", MqttQos.AT_LEAST_ONCE);
        List<Mqtt3Publish> got = reconnectAndCollect(broker, id, 1);
        assertEquals(kept, got.get(0).getTopic().toString());
    }

    @Test
    void persistentSessionOfAnMqtt31ClientKeepsItsSubscriptionAndQueue() throws Exception {
        String id = Ids.unique("p31s");
        String topic = Ids.unique("session/v31");
        MqttConnectOptions options = PahoCollector.options(false);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
        MqttClient first = PahoCollector.connect(broker, id, options, new PahoCollector());
        first.subscribe(topic, 1);
        first.disconnect();
        first.close();

        publish(broker, topic, "waited for 3.1", MqttQos.AT_LEAST_ONCE);
        PahoCollector received = new PahoCollector();
        MqttClient second = PahoCollector.connect(broker, id, options, received);
        try {
            assertEquals("waited for 3.1", received.next(WAIT).text());
            received.assertNoMore(QUIET);
        } finally {
            second.disconnect();
            second.close();
        }
    }

    @Test
    void maxQueuedMessagesKeepsTheOldestMessagesAndDropsNewerOnesWhenTheQueueIsFull() {
        // Mosquitto drops what arrives once the offline queue holds max_queued_messages
        try (TestBroker limited = TestBroker.start("max_queued_messages 3\n")) {
            subscribeAndGoOffline(limited, "mq-sub", "session/limited", MqttQos.AT_LEAST_ONCE);
            Mqtt3BlockingClient pub = HiveClients.connected(limited, "mq-pub");
            for (int i = 0; i < 10; i++) {
                pub.publishWith().topic("session/limited").payload(utf8("m" + i)).qos(MqttQos.AT_LEAST_ONCE).send();
            }
            pub.disconnect();

            List<String> got = reconnectAndCollect(limited, "mq-sub", 3).stream().map(HiveClients::text).toList();
            assertEquals(List.of("m0", "m1", "m2"), got);
        }
    }
}
