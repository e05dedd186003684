package io.starling.it.core;

import static io.starling.it.raw.RawClient.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient.Mqtt3Publishes;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.starling.it.TestBroker;
import io.starling.it.raw.RawClient;
import io.starling.it.raw.RawConnect;
import io.starling.it.raw.RawPackets;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Will messages: when the broker publishes them, and with which topic, payload, QoS and retain flag. */
class WillIT {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration QUIET = Duration.ofMillis(500);
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    /** A HiveMQ client subscribed to {@code topic}, and its message stream. */
    private record Watcher(Mqtt3BlockingClient client, Mqtt3Publishes publishes) implements AutoCloseable {
        static Watcher watch(String topic, MqttQos qos) {
            Mqtt3BlockingClient c = HiveClients.connected(broker, Ids.unique("watch"));
            Mqtt3Publishes publishes = c.publishes(MqttGlobalPublishFilter.ALL);
            c.subscribeWith().topicFilter(topic).qos(qos).send();
            return new Watcher(c, publishes);
        }

        Mqtt3Publish receiveOne() {
            return HiveClients.receiveOne(publishes);
        }

        Mqtt3Publish receiveOne(Duration within) {
            return HiveClients.receive(publishes, 1, within).get(0);
        }

        void assertNothing() {
            HiveClients.assertNoMore(publishes, QUIET);
        }

        @Override
        public void close() {
            publishes.close();
            client.disconnect();
        }
    }

    private static RawConnect withWill(String clientId, String willTopic, String payload, int qos, boolean retain) {
        return RawConnect.mqtt311(clientId).withWill(willTopic, utf8(payload), qos, retain);
    }

    @Test
    void willIsPublishedWhenTheNetworkConnectionIsLostWithoutDisconnect() {
        String willTopic = Ids.unique("will/lost");
        try (Watcher w = Watcher.watch(willTopic, MqttQos.AT_LEAST_ONCE)) {
            RawClient c = RawClient.connected(broker, withWill(Ids.unique("dies"), willTopic, "gone", 1, false));
            c.close();
            Mqtt3Publish will = w.receiveOne();
            assertEquals(willTopic, will.getTopic().toString());
            assertEquals("gone", HiveClients.text(will));
            assertEquals(MqttQos.AT_LEAST_ONCE, will.getQos());
            assertFalse(will.isRetain());
            w.assertNothing();
        }
    }

    @Test
    void willIsPublishedWhenTheKeepaliveExpires() {
        String willTopic = Ids.unique("will/silent");
        try (Watcher w = Watcher.watch(willTopic, MqttQos.AT_MOST_ONCE);
                RawClient c = RawClient.connected(broker,
                        withWill(Ids.unique("silent"), willTopic, "timed out", 0, false).withKeepAlive(1))) {
            // keepalive 1 s: the broker gives up after 1.5 s of silence
            Mqtt3Publish will = w.receiveOne(KeepAliveDeadline.latest(broker, 1));
            assertEquals("timed out", HiveClients.text(will));
            assertTrue(c.awaitClosedByBroker(WAIT), "the silent connection is closed");
        }
    }

    @Test
    void willIsPublishedWhenTheSessionIsTakenOverByANewConnection() {
        String id = Ids.unique("taken");
        String willTopic = Ids.unique("will/takeover");
        try (Watcher w = Watcher.watch(willTopic, MqttQos.AT_MOST_ONCE);
                RawClient first = RawClient.connected(broker, withWill(id, willTopic, "taken over", 0, false));
                RawClient second = RawClient.connected(broker, RawConnect.mqtt311(id))) {
            assertEquals("taken over", HiveClients.text(w.receiveOne()));
            assertTrue(first.awaitClosedByBroker(WAIT));
            w.assertNothing();
        }
    }

    @Test
    void willIsPublishedWhenTheBrokerClosesTheConnectionForAProtocolViolation() {
        // [MQTT-3.3.1-4]: a PUBLISH with both QoS bits set must make the server close the connection
        String willTopic = Ids.unique("will/violation");
        try (Watcher w = Watcher.watch(willTopic, MqttQos.AT_MOST_ONCE);
                RawClient c = RawClient.connected(broker, withWill(Ids.unique("qos3"), willTopic, "misbehaved", 0, false))) {
            c.send(RawPackets.publish(Ids.unique("will/any"), utf8("x"), 3, false, false, 1));
            assertTrue(c.awaitClosedByBroker(WAIT));
            assertEquals("misbehaved", HiveClients.text(w.receiveOne()));
        }
    }

    @Test
    void willIsPublishedWhenASecondConnectOnTheSameConnectionViolatesTheProtocol() {
        // MQTT 3.1.1 3.1.2.5 lists "the Server closes the Network Connection because of a protocol
        // error" among the will's triggers, and a second CONNECT is one [MQTT-3.1.0-2]. Mosquitto
        // 2.0.11 closes the connection but drops the will in that one case (other violations do send it).
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 drops the will when a second CONNECT arrives");
        String id = Ids.unique("twice");
        String willTopic = Ids.unique("will/twice");
        try (Watcher w = Watcher.watch(willTopic, MqttQos.AT_MOST_ONCE);
                RawClient c = RawClient.connected(broker, withWill(id, willTopic, "connected twice", 0, false))) {
            c.send(RawPackets.connect(RawConnect.mqtt311(id)));
            assertTrue(c.awaitClosedByBroker(WAIT));
            assertEquals("connected twice", HiveClients.text(w.receiveOne()));
        }
    }

    @Test
    void willIsNotPublishedAfterANormalDisconnect() {
        String willTopic = Ids.unique("will/clean");
        try (Watcher w = Watcher.watch(willTopic, MqttQos.AT_MOST_ONCE)) {
            try (RawClient c = RawClient.connected(broker, withWill(Ids.unique("polite"), willTopic, "never", 0, false))) {
                c.send(RawPackets.disconnect());
                assertTrue(c.awaitClosedByBroker(WAIT), "the broker closes the connection after DISCONNECT");
            }
            w.assertNothing();
        }
    }

    @Test
    void willOfAHiveMqClientIsNotPublishedWhenItDisconnectsNormally() {
        String willTopic = Ids.unique("will/hive");
        try (Watcher w = Watcher.watch(willTopic, MqttQos.AT_MOST_ONCE)) {
            Mqtt3BlockingClient c = HiveClients.client(broker, Ids.unique("hivewill"));
            c.connectWith().willPublish().topic(willTopic).payload(utf8("never")).applyWillPublish().send();
            c.disconnect();
            w.assertNothing();
        }
    }

    @Test
    void willWithRetainIsKeptAsTheRetainedMessageOfItsTopic() {
        String willTopic = Ids.unique("will/retained");
        try (Watcher w = Watcher.watch(willTopic, MqttQos.AT_LEAST_ONCE)) {
            RawClient c = RawClient.connected(broker, withWill(Ids.unique("ret"), willTopic, "last words", 1, true));
            c.close();
            Mqtt3Publish live = w.receiveOne();
            assertEquals("last words", HiveClients.text(live));
            assertFalse(live.isRetain(), "live delivery to an existing subscriber has RETAIN=0");
        }
        try (Watcher later = Watcher.watch(willTopic, MqttQos.AT_LEAST_ONCE)) {
            Mqtt3Publish retained = later.receiveOne();
            assertEquals("last words", HiveClients.text(retained));
            assertTrue(retained.isRetain(), "the will was stored as a retained message");
            assertEquals(MqttQos.AT_LEAST_ONCE, retained.getQos());
        }
    }

    @Test
    void willWithoutRetainIsNotKeptAsARetainedMessage() {
        String willTopic = Ids.unique("will/notretained");
        try (Watcher w = Watcher.watch(willTopic, MqttQos.AT_MOST_ONCE)) {
            RawClient.connected(broker, withWill(Ids.unique("noret"), willTopic, "fleeting", 0, false)).close();
            assertEquals("fleeting", HiveClients.text(w.receiveOne()));
        }
        try (Watcher later = Watcher.watch(willTopic, MqttQos.AT_MOST_ONCE)) {
            later.assertNothing();
        }
    }

    @ParameterizedTest(name = "will QoS {0}, subscription QoS {1}: delivered at QoS {2}")
    @CsvSource({"0,2,0", "1,2,1", "2,2,2", "2,1,1"})
    void willIsDeliveredAtTheLowerOfTheWillQosAndTheSubscriptionQos(int willQos, int subQos, int expected) {
        String willTopic = Ids.unique("will/qos");
        try (Watcher w = Watcher.watch(willTopic, MqttQos.fromCode(subQos))) {
            RawClient.connected(broker, withWill(Ids.unique("q"), willTopic, "q" + willQos, willQos, false)).close();
            Mqtt3Publish will = w.receiveOne();
            assertEquals("q" + willQos, HiveClients.text(will));
            assertEquals(expected, will.getQos().getCode());
        }
    }

    @Test
    void willOfAnMqtt31PahoClientIsPublishedWhenItsConnectionDrops() throws Exception {
        String willTopic = Ids.unique("will/v31");
        try (Watcher w = Watcher.watch(willTopic, MqttQos.EXACTLY_ONCE)) {
            MqttConnectOptions options = PahoCollector.options(true);
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
            options.setWill(willTopic, utf8("paho 3.1 gone"), 2, false);
            MqttClient c = PahoCollector.connect(broker, Ids.unique("pw31"), options, new PahoCollector());
            // close the socket without sending DISCONNECT
            c.disconnectForcibly(0, 1000, false);
            c.close();
            Mqtt3Publish will = w.receiveOne();
            assertEquals("paho 3.1 gone", HiveClients.text(will));
            assertEquals(MqttQos.EXACTLY_ONCE, will.getQos());
        }
    }
}
