package io.starling.it.core;

import static io.starling.it.raw.RawClient.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient.Mqtt3Publishes;
import io.starling.it.TestBroker;
import io.starling.it.raw.RawClient;
import io.starling.it.raw.RawConnect;
import io.starling.it.raw.RawPacket;
import io.starling.it.raw.RawPackets;
import io.starling.it.raw.RawPublish;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A second connection with a client id already connected takes the session over. */
class TakeoverIT {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration QUIET = Duration.ofMillis(500);
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    private static void publish(String topic, String payload) {
        Mqtt3BlockingClient pub = HiveClients.connected(broker, Ids.unique("pub"));
        pub.publishWith().topic(topic).payload(utf8(payload)).qos(MqttQos.AT_LEAST_ONCE).send();
        pub.disconnect();
    }

    @Test
    void secondConnectionWithTheSameClientIdClosesTheFirst() throws Exception {
        String id = Ids.unique("twin");
        PahoCollector firstEvents = new PahoCollector();
        MqttClient first = PahoCollector.connect(broker, id, PahoCollector.options(true), firstEvents);
        Mqtt3BlockingClient second = HiveClients.connected(broker, id);
        try {
            assertTrue(firstEvents.awaitConnectionLost(WAIT), "the first client sees its connection lost");
            assertFalse(first.isConnected());
        } finally {
            second.disconnect();
            first.close();
        }
    }

    @Test
    void takingOverConnectionCanPublishAndSubscribe() {
        String id = Ids.unique("winner");
        String topic = Ids.unique("takeover/works");
        try (RawClient first = RawClient.connected(broker, RawConnect.mqtt311(id))) {
            Mqtt3BlockingClient second = HiveClients.connected(broker, id);
            try (Mqtt3Publishes publishes = second.publishes(MqttGlobalPublishFilter.ALL)) {
                assertTrue(first.awaitClosedByBroker(WAIT));
                second.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
                second.publishWith().topic(topic).payload(utf8("mine now")).qos(MqttQos.AT_LEAST_ONCE).send();
                assertEquals("mine now", HiveClients.text(HiveClients.receiveOne(publishes)));
            } finally {
                second.disconnect();
            }
        }
    }

    @Test
    void persistentSubscriptionsCarryOverToTheTakingOverConnection() {
        String id = Ids.unique("carry");
        String topic = Ids.unique("takeover/carry");
        try (RawClient first = RawClient.connected(broker, RawConnect.mqtt311(id).withCleanSession(false))) {
            first.subscribe(1, topic, 1);
            try (RawClient second = RawClient.connect(broker, RawConnect.mqtt311(id).withCleanSession(false))) {
                RawPacket connack = second.expect(RawPacket.CONNACK, WAIT);
                assertEquals(0, connack.connackReturnCode());
                assertTrue(connack.sessionPresent(), "the session is handed over, not recreated");
                assertTrue(first.awaitClosedByBroker(WAIT));

                publish(topic, "carried over");
                RawPublish p = second.expectPublish(WAIT);
                assertEquals(topic, p.topic());
                assertEquals("carried over", p.payloadText());
                assertEquals(1, p.qos());
                second.send(RawPackets.puback(p.packetId()));
            }
        }
    }

    @Test
    void unacknowledgedDeliveryOfTheFirstConnectionIsResentToTheSecondWithDup() {
        String id = Ids.unique("inflight");
        String topic = Ids.unique("takeover/inflight");
        try (RawClient first = RawClient.connected(broker, RawConnect.mqtt311(id).withCleanSession(false))) {
            first.subscribe(1, topic, 1);
            publish(topic, "half delivered");
            RawPublish original = first.expectPublish(WAIT);
            // no PUBACK from the first connection
            try (RawClient second = RawClient.connected(broker, RawConnect.mqtt311(id).withCleanSession(false))) {
                RawPublish again = second.expectPublish(WAIT);
                assertEquals("half delivered", again.payloadText());
                assertEquals(original.packetId(), again.packetId());
                assertTrue(again.dup(), "redelivery carries DUP=1");
                second.send(RawPackets.puback(again.packetId()));
                assertEquals(List.of(), second.drain(QUIET));
            }
        }
    }

    @Test
    void takeoverWithCleanSessionDiscardsTheOldSubscriptions() {
        String id = Ids.unique("fresh");
        String topic = Ids.unique("takeover/fresh");
        try (RawClient first = RawClient.connected(broker, RawConnect.mqtt311(id).withCleanSession(false))) {
            first.subscribe(1, topic, 1);
            try (RawClient second = RawClient.connect(broker, RawConnect.mqtt311(id).withCleanSession(true))) {
                RawPacket connack = second.expect(RawPacket.CONNACK, WAIT);
                assertEquals(0, connack.connackReturnCode());
                assertFalse(connack.sessionPresent());
                assertTrue(first.awaitClosedByBroker(WAIT));
                publish(topic, "for the old session only");
                assertEquals(List.of(), second.drain(QUIET));
            }
        }
    }

    @Test
    void onlyTheLatestOfThreeConnectionsWithTheSameClientIdStaysOpen() {
        String id = Ids.unique("triple");
        try (RawClient a = RawClient.connected(broker, RawConnect.mqtt311(id));
                RawClient b = RawClient.connected(broker, RawConnect.mqtt311(id))) {
            assertTrue(a.awaitClosedByBroker(WAIT));
            try (RawClient c = RawClient.connected(broker, RawConnect.mqtt311(id))) {
                assertTrue(b.awaitClosedByBroker(WAIT));
                c.send(RawPackets.pingreq());
                c.expect(RawPacket.PINGRESP, WAIT);
            }
        }
    }
}
