package io.starling.it.core;

import static io.starling.it.raw.RawClient.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient.Mqtt3Publishes;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import io.starling.it.TestBroker;
import io.starling.it.raw.RawClient;
import io.starling.it.raw.RawConnect;
import io.starling.it.raw.RawPacket;
import io.starling.it.raw.RawPackets;
import io.starling.it.raw.RawPublish;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CONNECT and CONNACK: protocol versions, return codes, client ids and the session present flag. */
class ConnectIT {

    private static final Duration WAIT = Duration.ofSeconds(3);
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    @Test
    void mqtt311ClientIsAcceptedAndCanPublishAndSubscribe() throws Exception {
        String topic = Ids.unique("connect/311");
        Mqtt3BlockingClient c = HiveClients.client(broker, Ids.unique("c311"));
        Mqtt3ConnAck ack = c.connect();
        assertEquals(Mqtt3ConnAckReturnCode.SUCCESS, ack.getReturnCode());
        try (Mqtt3Publishes publishes = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            c.publishWith().topic(topic).payload(utf8("hello 3.1.1")).qos(MqttQos.AT_LEAST_ONCE).send();
            assertEquals("hello 3.1.1", HiveClients.text(HiveClients.receiveOne(publishes)));
        } finally {
            c.disconnect();
        }
    }

    @Test
    void mqtt31ClientIsAcceptedAndCanPublishAndSubscribe() throws Exception {
        String topic = Ids.unique("connect/31");
        MqttConnectOptions options = PahoCollector.options(true);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
        PahoCollector collector = new PahoCollector();
        MqttClient c = PahoCollector.connect(broker, Ids.unique("p31"), options, collector);
        try {
            c.subscribe(topic, 1);
            c.publish(topic, utf8("hello 3.1"), 1, false);
            PahoCollector.Received r = collector.next(WAIT);
            assertEquals(topic, r.topic());
            assertEquals("hello 3.1", r.text());
        } finally {
            c.disconnect();
            c.close();
        }
    }

    @Test
    void mqtt31ConnectWithProtocolNameMQIsdpIsAcknowledgedWithReturnCode0() {
        try (RawClient c = RawClient.connect(broker, RawConnect.mqtt31(Ids.unique("raw31")))) {
            RawPacket connack = c.expect(RawPacket.CONNACK, WAIT);
            assertEquals(0, connack.connackReturnCode());
        }
    }

    @Test
    void unacceptableProtocolLevelIsRefusedWithReturnCode1AndTheConnectionClosed() {
        RawConnect level9 = RawConnect.mqtt311(Ids.unique("lvl")).withProtocol("MQTT", 9);
        try (RawClient c = RawClient.connect(broker, level9)) {
            RawPacket connack = c.expect(RawPacket.CONNACK, WAIT);
            assertEquals(1, connack.connackReturnCode(), "unacceptable protocol version");
            assertTrue(c.awaitClosedByBroker(WAIT), "the broker must close the connection after refusing it");
        }
    }

    @Test
    void zeroLengthClientIdWithPersistentSessionIsRejectedWithIdentifierRejected() {
        RawConnect connect = RawConnect.mqtt311("").withCleanSession(false);
        try (RawClient c = RawClient.connect(broker, connect)) {
            RawPacket connack = c.expect(RawPacket.CONNACK, WAIT);
            assertEquals(2, connack.connackReturnCode(), "identifier rejected");
            assertTrue(c.awaitClosedByBroker(WAIT), "the broker must close the connection after refusing it");
        }
    }

    @Test
    void zeroLengthClientIdWithCleanSessionIsAcceptedAndCanPublishAndSubscribe() {
        String topic = Ids.unique("connect/anon");
        try (RawClient c = RawClient.connected(broker, RawConnect.mqtt311(""))) {
            assertEquals(1, c.subscribe(1, topic, 1));
            c.send(RawPackets.publish(topic, utf8("no id"), 0, false, false, 0));
            RawPublish p = c.expectPublish(WAIT);
            assertEquals(topic, p.topic());
            assertEquals("no id", p.payloadText());
        }
    }

    @Test
    void mqtt31ZeroLengthClientIdIsRejectedWithIdentifierRejected() {
        // MQTT 3.1 requires a client id of 1 to 23 characters; only 3.1.1 lets the server assign one
        try (RawClient c = RawClient.connect(broker, RawConnect.mqtt31(""))) {
            RawPacket connack = c.expect(RawPacket.CONNACK, WAIT);
            assertEquals(2, connack.connackReturnCode(), "identifier rejected");
            assertTrue(c.awaitClosedByBroker(WAIT));
        }
    }

    @Test
    void firstPersistentConnectHasSessionPresentFalse() {
        RawConnect connect = RawConnect.mqtt311(Ids.unique("sp-first")).withCleanSession(false);
        try (RawClient c = RawClient.connect(broker, connect)) {
            RawPacket connack = c.expect(RawPacket.CONNACK, WAIT);
            assertEquals(0, connack.connackReturnCode());
            assertFalse(connack.sessionPresent());
        }
    }

    @Test
    void resumedPersistentSessionHasSessionPresentTrue() {
        String id = Ids.unique("sp-resume");
        Mqtt3BlockingClient first = HiveClients.client(broker, id);
        assertFalse(first.connectWith().cleanSession(false).send().isSessionPresent());
        first.disconnect();

        Mqtt3BlockingClient second = HiveClients.client(broker, id);
        Mqtt3ConnAck ack = second.connectWith().cleanSession(false).send();
        try {
            assertEquals(Mqtt3ConnAckReturnCode.SUCCESS, ack.getReturnCode());
            assertTrue(ack.isSessionPresent());
        } finally {
            second.disconnect();
        }
    }

    @Test
    void cleanSessionConnectHasSessionPresentFalseEvenWhenAPersistentSessionExisted() {
        String id = Ids.unique("sp-clean");
        try (RawClient c = RawClient.connected(broker, RawConnect.mqtt311(id).withCleanSession(false))) {
            c.subscribe(1, Ids.unique("connect/sp"), 1);
            c.send(RawPackets.disconnect());
            assertTrue(c.awaitClosedByBroker(WAIT));
        }
        try (RawClient c = RawClient.connect(broker, RawConnect.mqtt311(id).withCleanSession(true))) {
            RawPacket connack = c.expect(RawPacket.CONNACK, WAIT);
            assertEquals(0, connack.connackReturnCode());
            assertFalse(connack.sessionPresent());
        }
    }

    @Test
    void secondConnectOnTheSameConnectionIsAProtocolViolationThatClosesIt() {
        String id = Ids.unique("twice");
        try (RawClient c = RawClient.connected(broker, RawConnect.mqtt311(id))) {
            c.send(RawPackets.connect(RawConnect.mqtt311(id)));
            assertTrue(c.awaitClosedByBroker(WAIT), "a second CONNECT must close the connection");
        }
    }

    @Test
    void firstPacketOtherThanConnectClosesTheConnection() {
        try (RawClient c = RawClient.open(broker)) {
            c.send(RawPackets.pingreq());
            assertTrue(c.poll(WAIT).isEmpty(), "no answer (no PINGRESP) to a client that has not connected");
            assertTrue(c.isClosedByBroker(), "the broker must close a connection that does not start with CONNECT");
        }
    }
}
