package io.starling.it.v5;

import static io.netty.handler.codec.mqtt.MqttProperties.PUBLICATION_EXPIRY_INTERVAL;
import static io.netty.handler.codec.mqtt.MqttProperties.SESSION_EXPIRY_INTERVAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.starling.it.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Message Expiry Interval (MQTT 5 §3.3.2.3.3): expired messages are dropped, others count down. */
class MessageExpiryIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    private static V5Props expiry(int seconds) {
        return V5Props.none().integer(PUBLICATION_EXPIRY_INTERVAL, seconds);
    }

    @Test
    void queuedMessageWhoseExpiryPassedIsNotDeliveredAndOthersCarryTheRemainingTime()
            throws InterruptedException {
        String id = "me-queued";
        String topic = "me/queued";
        V5Props keepSession = V5Props.none().integer(SESSION_EXPIRY_INTERVAL, 60);
        try (RawMqttClient c = RawMqttClient.connectV5(broker, id, keepSession)) {
            c.subscribe(V5Packets.subscribe(1, topic, MqttQoS.AT_LEAST_ONCE));
            c.send(V5Packets.disconnect(0));
        }
        try (RawMqttClient publisher = RawMqttClient.connectV5(broker, "me-queued-pub", V5Props.none())) {
            publisher.send(V5Packets.publish(topic, MqttQoS.AT_LEAST_ONCE, 1, "short-lived", expiry(1)));
            publisher.nextPublishAck();
            publisher.send(V5Packets.publish(topic, MqttQoS.AT_LEAST_ONCE, 2, "long-lived", expiry(60)));
            publisher.nextPublishAck();
        }

        // time itself is what is tested: the 1 s expiry must run out while the message is queued,
        // and the 60 s one must count down by the time waited
        Thread.sleep(2_500);

        try (RawMqttClient c = RawMqttClient.open(broker)) {
            MqttConnAckMessage ack = c.connect(V5Packets.connect(id, false, V5Props.none()));
            assertTrue(ack.variableHeader().isSessionPresent(), "session present");
            MqttPublishMessage p = c.nextPublish();
            assertEquals("long-lived", V5Packets.text(p), "the expired message is skipped");
            Integer remaining = V5Props.integer(p.variableHeader().properties(), PUBLICATION_EXPIRY_INTERVAL);
            assertNotNull(remaining, "Message Expiry Interval is forwarded");
            // 2.5 s waited: the interval counts down (MQTT-3.3.2-6), and has not run out
            assertTrue(remaining >= 50 && remaining <= 58, "remaining expiry " + remaining);
            c.send(V5Packets.puback(p.variableHeader().packetId()));
            c.assertNothingReceived();
        }
    }

    @Test
    void liveDeliveryCarriesTheMessageExpiryIntervalOnlyWhenSet() {
        String topic = "me/live";
        try (RawMqttClient subscriber = RawMqttClient.connectV5(broker, "me-live", V5Props.none());
                RawMqttClient publisher = RawMqttClient.connectV5(broker, "me-live-pub", V5Props.none())) {
            subscriber.subscribe(V5Packets.subscribe(1, topic, MqttQoS.AT_MOST_ONCE));
            publisher.send(V5Packets.publish(topic, MqttQoS.AT_MOST_ONCE, 0, "expiring", expiry(30)));
            publisher.send(V5Packets.publish(topic, MqttQoS.AT_MOST_ONCE, 0, "forever", V5Props.none()));

            MqttPublishMessage expiring = subscriber.nextPublish();
            assertEquals("expiring", V5Packets.text(expiring));
            Integer remaining = V5Props.integer(expiring.variableHeader().properties(), PUBLICATION_EXPIRY_INTERVAL);
            assertNotNull(remaining, "Message Expiry Interval is forwarded");
            assertTrue(remaining >= 29 && remaining <= 30, "remaining expiry " + remaining);

            MqttPublishMessage forever = subscriber.nextPublish();
            assertEquals("forever", V5Packets.text(forever));
            assertNull(V5Props.integer(forever.variableHeader().properties(), PUBLICATION_EXPIRY_INTERVAL),
                    "no expiry invented for a message without one");
        }
    }
}
