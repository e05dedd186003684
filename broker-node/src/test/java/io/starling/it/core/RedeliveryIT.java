package io.starling.it.core;

import static io.starling.it.raw.RawClient.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.starling.it.TestBroker;
import io.starling.it.raw.RawClient;
import io.starling.it.raw.RawConnect;
import io.starling.it.raw.RawPacket;
import io.starling.it.raw.RawPackets;
import io.starling.it.raw.RawPublish;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unacknowledged QoS 1/2 deliveries of a persistent session are sent again, marked DUP, when the
 * client reconnects; {@code max_inflight_messages} bounds how many are unacknowledged at once.
 */
class RedeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration QUIET = Duration.ofMillis(500);
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    private static void publish(String topic, String payload, MqttQos qos) {
        Mqtt3BlockingClient pub = HiveClients.connected(broker, Ids.unique("pub"));
        pub.publishWith().topic(topic).payload(utf8(payload)).qos(qos).send();
        pub.disconnect();
    }

    private static RawConnect persistent(String clientId) {
        return RawConnect.mqtt311(clientId).withCleanSession(false);
    }

    /** Reconnects a persistent session and asserts the broker still had it. */
    private static RawClient resume(String clientId) {
        RawClient c = RawClient.connect(broker, persistent(clientId));
        RawPacket connack = c.expect(RawPacket.CONNACK, WAIT);
        assertEquals(0, connack.connackReturnCode());
        assertTrue(connack.sessionPresent(), "session present");
        return c;
    }

    @Test
    void unacknowledgedQos1MessageIsRedeliveredWithDupAfterReconnect() {
        String id = Ids.unique("redel1");
        String topic = Ids.unique("redeliver/q1");
        RawPublish first;
        try (RawClient sub = RawClient.connected(broker, persistent(id))) {
            sub.subscribe(1, topic, 1);
            publish(topic, "again", MqttQos.AT_LEAST_ONCE);
            first = sub.expectPublish(WAIT);
            assertFalse(first.dup(), "first delivery is not a duplicate");
            // the connection drops before the PUBACK is sent
        }
        try (RawClient sub = resume(id)) {
            RawPublish again = sub.expectPublish(WAIT);
            assertTrue(again.dup(), "redelivery must carry DUP=1");
            assertEquals(first.packetId(), again.packetId(), "same packet identifier");
            assertEquals(topic, again.topic());
            assertEquals("again", again.payloadText());
            assertEquals(1, again.qos());
            sub.send(RawPackets.puback(again.packetId()));
            assertEquals(List.of(), sub.drain(QUIET), "acknowledged: nothing more to send");
        }
    }

    @Test
    void pahoClientWithManualAcksGetsUnacknowledgedMessageAgainMarkedDuplicate() throws Exception {
        String id = Ids.unique("pahoack");
        String topic = Ids.unique("redeliver/paho");
        PahoCollector firstReceived = new PahoCollector();
        MqttClient first = new MqttClient(broker.uri(), id, new MemoryPersistence());
        first.setManualAcks(true);
        first.setCallback(firstReceived);
        first.connect(PahoCollector.options(false));
        first.subscribe(topic, 1);
        publish(topic, "unacked", MqttQos.AT_LEAST_ONCE);
        PahoCollector.Received r = firstReceived.next(WAIT);
        assertEquals("unacked", r.text());
        assertFalse(r.message().isDuplicate());
        // never call messageArrivedComplete: the PUBACK is not sent
        first.disconnectForcibly(0, 1000, false);
        first.close();

        PahoCollector secondReceived = new PahoCollector();
        MqttClient second = PahoCollector.connect(broker, id, PahoCollector.options(false), secondReceived);
        try {
            PahoCollector.Received again = secondReceived.next(WAIT);
            assertEquals(topic, again.topic());
            assertEquals("unacked", again.text());
            assertEquals(1, again.message().getQos());
            assertTrue(again.message().isDuplicate(), "redelivery must carry DUP=1");
            secondReceived.assertNoMore(QUIET);
        } finally {
            second.disconnect();
            second.close();
        }
    }

    @Test
    void qos2MessageNotYetReceivedIsRedeliveredWithDupAfterReconnect() {
        String id = Ids.unique("redel2");
        String topic = Ids.unique("redeliver/q2");
        RawPublish first;
        try (RawClient sub = RawClient.connected(broker, persistent(id))) {
            sub.subscribe(1, topic, 2);
            publish(topic, "exactly", MqttQos.EXACTLY_ONCE);
            first = sub.expectPublish(WAIT);
            assertEquals(2, first.qos());
            // no PUBREC
        }
        try (RawClient sub = resume(id)) {
            RawPublish again = sub.expectPublish(WAIT);
            assertTrue(again.dup(), "redelivery must carry DUP=1");
            assertEquals(first.packetId(), again.packetId());
            assertEquals("exactly", again.payloadText());
            assertEquals(2, again.qos());
            sub.send(RawPackets.pubrec(again.packetId()));
            assertEquals(again.packetId(), sub.expect(RawPacket.PUBREL, WAIT).packetId());
            sub.send(RawPackets.pubcomp(again.packetId()));
            assertEquals(List.of(), sub.drain(QUIET));
        }
    }

    @Test
    void qos2PubrelIsResentInsteadOfThePublishAfterReconnectInPubrelPhase() {
        String id = Ids.unique("redelrel");
        String topic = Ids.unique("redeliver/rel");
        int packetId;
        try (RawClient sub = RawClient.connected(broker, persistent(id))) {
            sub.subscribe(1, topic, 2);
            publish(topic, "released", MqttQos.EXACTLY_ONCE);
            RawPublish p = sub.expectPublish(WAIT);
            packetId = p.packetId();
            sub.send(RawPackets.pubrec(packetId));
            assertEquals(packetId, sub.expect(RawPacket.PUBREL, WAIT).packetId());
            // the connection drops before the PUBCOMP is sent
        }
        try (RawClient sub = resume(id)) {
            RawPacket pubrel = sub.expect(RawPacket.PUBREL, WAIT);
            assertEquals(packetId, pubrel.packetId(), "the PUBREL is sent again, not the PUBLISH");
            sub.send(RawPackets.pubcomp(packetId));
            assertEquals(List.of(), sub.drain(QUIET), "the message must not be delivered a second time");
        }
    }

    @Test
    void inboundQos2PublishIsCompletedByPubrelAfterThePublisherReconnects() {
        String id = Ids.unique("inrel");
        String topic = Ids.unique("redeliver/in");
        try (RawClient sub = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("rsub")))) {
            sub.subscribe(1, topic, 0);
            try (RawClient pub = RawClient.connected(broker, persistent(id))) {
                pub.send(RawPackets.publish(topic, utf8("half"), 2, false, false, 5));
                assertEquals(5, pub.expect(RawPacket.PUBREC, WAIT).packetId());
                // the connection drops before the PUBREL is sent
            }
            try (RawClient pub = resume(id)) {
                pub.send(RawPackets.pubrel(5));
                assertEquals(5, pub.expect(RawPacket.PUBCOMP, WAIT).packetId());
            }
            RawPublish p = sub.expectPublish(WAIT);
            assertEquals("half", p.payloadText());
            assertEquals(List.of(), sub.drain(QUIET), "delivered exactly once");
        }
    }

    @Test
    void maxInflightMessagesBoundsUnacknowledgedQos1DeliveriesToASubscriber() {
        try (TestBroker limited = TestBroker.start("max_inflight_messages 5\n");
                RawClient sub = RawClient.connected(limited, RawConnect.mqtt311("never-acks"))) {
            sub.subscribe(1, "inflight/bounded", 1);
            publishNumbered(limited, "inflight/bounded", 12);

            List<RawPacket> window = sub.drain(QUIET);
            assertEquals(5, window.size(), "at most max_inflight_messages unacknowledged");
            for (int i = 0; i < 5; i++) {
                assertEquals("m" + i, window.get(i).publish().payloadText());
            }
        }
    }

    @Test
    void acknowledgingOneOfAFullInflightWindowReleasesExactlyOneMoreMessage() {
        // mosquitto.conf(5): max_inflight_messages is "the maximum number of QoS 1 or 2 messages that
        // can be in the process of being transmitted simultaneously". Mosquitto 2.0.11 honours it for
        // the first window only: after one PUBACK it sends the next five, leaving nine unacknowledged.
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 over-fills the inflight window after a PUBACK");
        try (TestBroker limited = TestBroker.start("max_inflight_messages 5\n");
                RawClient sub = RawClient.connected(limited, RawConnect.mqtt311("acks-one"))) {
            sub.subscribe(1, "inflight/refill", 1);
            publishNumbered(limited, "inflight/refill", 12);
            List<RawPacket> window = sub.drain(QUIET);
            assertEquals(5, window.size());

            sub.send(RawPackets.puback(window.get(0).publish().packetId()));
            List<RawPacket> next = sub.drain(QUIET);
            assertEquals(1, next.size(), "one acknowledgement frees one slot");
            assertEquals("m5", next.get(0).publish().payloadText());
        }
    }

    /** Publishes m0, m1, ... at QoS 1 from a fresh HiveMQ client. */
    private static void publishNumbered(TestBroker target, String topic, int count) {
        Mqtt3BlockingClient pub = HiveClients.connected(target, Ids.unique("pub"));
        for (int i = 0; i < count; i++) {
            pub.publishWith().topic(topic).payload(utf8("m" + i)).qos(MqttQos.AT_LEAST_ONCE).send();
        }
        pub.disconnect();
    }
}
