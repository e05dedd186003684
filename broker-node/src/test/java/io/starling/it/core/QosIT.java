package io.starling.it.core;

import static io.starling.it.raw.RawClient.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient.Mqtt3Publishes;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.starling.it.TestBroker;
import io.starling.it.raw.RawClient;
import io.starling.it.raw.RawConnect;
import io.starling.it.raw.RawPacket;
import io.starling.it.raw.RawPackets;
import io.starling.it.raw.RawPublish;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** QoS 0, 1 and 2 end to end: the delivered QoS, exact payloads, the handshakes and ordering. */
class QosIT {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration QUIET = Duration.ofMillis(500);
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    @ParameterizedTest(name = "published at QoS {0}, subscribed at QoS {1}: delivered at QoS {2}")
    @CsvSource({"0,0,0", "0,1,0", "0,2,0", "1,0,0", "1,1,1", "1,2,1", "2,0,0", "2,1,1", "2,2,2"})
    void deliveredQosIsTheMinimumOfPublishedQosAndSubscriptionQos(int pubQos, int subQos, int expected) {
        String topic = Ids.unique("qos/min");
        Mqtt3BlockingClient sub = HiveClients.connected(broker, Ids.unique("sub"));
        Mqtt3BlockingClient pub = HiveClients.connected(broker, Ids.unique("pub"));
        try (Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(subQos)).send();
            pub.publishWith().topic(topic).payload(utf8("q" + pubQos)).qos(MqttQos.fromCode(pubQos)).send();
            Mqtt3Publish p = HiveClients.receiveOne(publishes);
            assertEquals("q" + pubQos, HiveClients.text(p));
            assertEquals(expected, p.getQos().getCode(), "delivered QoS");
            assertFalse(p.isRetain());
            HiveClients.assertNoMore(publishes, QUIET);
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    @Test
    void qos1MessageArrivesOnceWithExactlyThePublishedTopicAndBytes() {
        assertArrivesExactlyAsSent(MqttQos.AT_LEAST_ONCE);
    }

    @Test
    void qos2MessageArrivesOnceWithExactlyThePublishedTopicAndBytes() {
        assertArrivesExactlyAsSent(MqttQos.EXACTLY_ONCE);
    }

    private void assertArrivesExactlyAsSent(MqttQos qos) {
        // every byte value, and a topic with non-ASCII UTF-8 characters
        String topic = Ids.unique("qos/exact/\u00fcber/\u6e29\u5ea6");
        byte[] payload = new byte[512];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        Mqtt3BlockingClient sub = HiveClients.connected(broker, Ids.unique("sub"));
        Mqtt3BlockingClient pub = HiveClients.connected(broker, Ids.unique("pub"));
        try (Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
            pub.publishWith().topic(topic).payload(payload).qos(qos).send();
            Mqtt3Publish p = HiveClients.receiveOne(publishes);
            assertEquals(topic, p.getTopic().toString());
            assertArrayEquals(payload, p.getPayloadAsBytes());
            assertEquals(qos, p.getQos());
            HiveClients.assertNoMore(publishes, QUIET);
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    @Test
    void thousandQos1MessagesFromOnePublisherArriveInPublishOrder() {
        String topic = Ids.unique("qos/order1");
        int count = 1000;
        Mqtt3BlockingClient sub = HiveClients.connected(broker, Ids.unique("sub"));
        Mqtt3AsyncClient pub = HiveClients.connected(broker, Ids.unique("pub")).toAsync();
        try (Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            // asynchronous: many PUBLISHes are in flight at once, as with a real busy publisher
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(pub.publishWith().topic(topic).payload(utf8("m" + i)).qos(MqttQos.AT_LEAST_ONCE).send());
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            List<Mqtt3Publish> got = HiveClients.receive(publishes, count, WAIT);
            for (int i = 0; i < count; i++) {
                assertEquals("m" + i, HiveClients.text(got.get(i)), "message " + i);
            }
            HiveClients.assertNoMore(publishes, QUIET);
        } finally {
            pub.disconnect().join();
            sub.disconnect();
        }
    }

    @Test
    void qos2MessagesFromPahoArriveExactlyOnceAndInOrder() throws Exception {
        String topic = Ids.unique("qos/order2");
        int count = 200;
        PahoCollector received = new PahoCollector();
        MqttClient sub = PahoCollector.connect(broker, Ids.unique("psub"), PahoCollector.options(true), received);
        // Paho counts a QoS 2 publish as in flight a moment after its blocking publish returned;
        // with its default window of 10 the next publishes can be refused by Paho itself (CI saw
        // "Too many publishes in progress"), so the window is wider than the test's count
        MqttConnectOptions pubOptions = PahoCollector.options(true);
        pubOptions.setMaxInflight(count + 1);
        MqttClient pub = PahoCollector.connect(broker, Ids.unique("ppub"), pubOptions, new PahoCollector());
        try {
            sub.subscribe(topic, 2);
            for (int i = 0; i < count; i++) {
                pub.publish(topic, utf8("m" + i), 2, false);
            }
            List<PahoCollector.Received> got = received.next(count, WAIT);
            for (int i = 0; i < count; i++) {
                assertEquals("m" + i, got.get(i).text(), "message " + i);
                assertEquals(2, got.get(i).message().getQos());
                assertFalse(got.get(i).message().isDuplicate());
            }
            received.assertNoMore(QUIET);
        } finally {
            pub.disconnect();
            pub.close();
            sub.disconnect();
            sub.close();
        }
    }

    @Test
    void qos0MessagesFromOnePublisherArriveInPublishOrder() {
        String topic = Ids.unique("qos/order0");
        int count = 200;
        Mqtt3BlockingClient sub = HiveClients.connected(broker, Ids.unique("sub"));
        Mqtt3BlockingClient pub = HiveClients.connected(broker, Ids.unique("pub"));
        try (Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_MOST_ONCE).send();
            for (int i = 0; i < count; i++) {
                pub.publishWith().topic(topic).payload(utf8("m" + i)).qos(MqttQos.AT_MOST_ONCE).send();
            }
            List<Mqtt3Publish> got = HiveClients.receive(publishes, count, WAIT);
            for (int i = 0; i < count; i++) {
                assertEquals("m" + i, HiveClients.text(got.get(i)), "message " + i);
                assertEquals(MqttQos.AT_MOST_ONCE, got.get(i).getQos());
            }
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    @Test
    void qos1PublishIsAnsweredWithPubackCarryingItsPacketId() {
        try (RawClient c = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("raw")))) {
            c.send(RawPackets.publish(Ids.unique("qos/puback"), utf8("x"), 1, false, false, 4321));
            assertEquals(4321, c.expect(RawPacket.PUBACK, WAIT).packetId());
        }
    }

    @Test
    void qos2PublishIsAnsweredWithPubrecThenPubrelWithPubcompAndDeliveredOnce() {
        String topic = Ids.unique("qos/handshake2");
        try (RawClient sub = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("rsub")));
                RawClient pub = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("rpub")))) {
            sub.subscribe(1, topic, 0);
            pub.send(RawPackets.publish(topic, utf8("two"), 2, false, false, 77));
            assertEquals(77, pub.expect(RawPacket.PUBREC, WAIT).packetId());
            pub.send(RawPackets.pubrel(77));
            assertEquals(77, pub.expect(RawPacket.PUBCOMP, WAIT).packetId());

            RawPublish p = sub.expectPublish(WAIT);
            assertEquals("two", p.payloadText());
            assertEquals(0, p.qos());
            assertEquals(List.of(), sub.drain(QUIET), "exactly one delivery");
        }
    }

    @Test
    void retransmittedQos2PublishWithDupBeforePubrelIsDeliveredOnlyOnce() {
        String topic = Ids.unique("qos/dup2");
        try (RawClient sub = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("rsub")));
                RawClient pub = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("rpub")))) {
            sub.subscribe(1, topic, 2);
            pub.send(RawPackets.publish(topic, utf8("once"), 2, false, false, 9));
            assertEquals(9, pub.expect(RawPacket.PUBREC, WAIT).packetId());
            // the publisher missed the PUBREC and sends the PUBLISH again, marked as duplicate
            pub.send(RawPackets.publish(topic, utf8("once"), 2, false, true, 9));
            assertEquals(9, pub.expect(RawPacket.PUBREC, WAIT).packetId());
            pub.send(RawPackets.pubrel(9));
            assertEquals(9, pub.expect(RawPacket.PUBCOMP, WAIT).packetId());

            RawPublish p = sub.expectPublish(WAIT);
            assertEquals("once", p.payloadText());
            assertEquals(2, p.qos());
            sub.send(RawPackets.pubrec(p.packetId()));
            assertEquals(p.packetId(), sub.expect(RawPacket.PUBREL, WAIT).packetId());
            sub.send(RawPackets.pubcomp(p.packetId()));
            assertEquals(List.of(), sub.drain(QUIET), "the retransmission must not be delivered again");
        }
    }

    @Test
    void qos2DeliveryToSubscriberFollowsPublishPubrecPubrelPubcomp() {
        String topic = Ids.unique("qos/out2");
        try (RawClient sub = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("rsub")))) {
            assertEquals(2, sub.subscribe(1, topic, 2));
            Mqtt3BlockingClient pub = HiveClients.connected(broker, Ids.unique("pub"));
            pub.publishWith().topic(topic).payload(utf8("out")).qos(MqttQos.EXACTLY_ONCE).send();
            pub.disconnect();

            RawPublish p = sub.expectPublish(WAIT);
            assertEquals(2, p.qos());
            assertFalse(p.dup());
            sub.send(RawPackets.pubrec(p.packetId()));
            RawPacket pubrel = sub.expect(RawPacket.PUBREL, WAIT);
            assertEquals(p.packetId(), pubrel.packetId());
            assertEquals(0x02, pubrel.flags(), "PUBREL fixed header flags");
            sub.send(RawPackets.pubcomp(p.packetId()));
            assertEquals(List.of(), sub.drain(QUIET));
        }
    }
}
