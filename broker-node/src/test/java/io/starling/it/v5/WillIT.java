package io.starling.it.v5;

import static io.netty.handler.codec.mqtt.MqttProperties.SESSION_EXPIRY_INTERVAL;
import static io.netty.handler.codec.mqtt.MqttProperties.WILL_DELAY_INTERVAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.starling.it.TestBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When the Will Message is published: Will Delay Interval, session end, DISCONNECT reason codes. */
class WillIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    /** A CONNECT with a will on {@code willTopic} (payload "gone"), a Will Delay and a Session Expiry. */
    private static MqttConnectMessage connectWithWill(String clientId, boolean cleanStart, String willTopic,
            int willDelaySeconds, int sessionExpirySeconds) {
        return V5Packets.connectBuilder(clientId, cleanStart,
                        V5Props.none().integer(SESSION_EXPIRY_INTERVAL, sessionExpirySeconds))
                .willFlag(true)
                .willTopic(willTopic)
                .willMessage(HiveClients.utf8("gone"))
                .willQoS(MqttQoS.AT_LEAST_ONCE)
                .willProperties(V5Props.none().integer(WILL_DELAY_INTERVAL, willDelaySeconds).build())
                .build();
    }

    private static RawMqttClient watcher(String clientId, String willTopic) {
        RawMqttClient w = RawMqttClient.connectV5(broker, clientId, V5Props.none());
        w.subscribe(V5Packets.subscribe(1, willTopic, MqttQoS.AT_MOST_ONCE));
        return w;
    }

    private static RawMqttClient connected(MqttConnectMessage connect) {
        RawMqttClient c = RawMqttClient.open(broker);
        MqttConnAckMessage ack = c.connect(connect);
        assertEquals(0, ack.variableHeader().connectReturnCode().byteValue());
        return c;
    }

    private static void assertWillArrives(RawMqttClient watcher, String willTopic) {
        MqttPublishMessage will = watcher.nextPublish();
        assertEquals(willTopic, will.variableHeader().topicName());
        assertEquals("gone", V5Packets.text(will));
    }

    @Test
    void willIsPublishedOnlyAfterTheWillDelayInterval() {
        String topic = "will/delayed";
        try (RawMqttClient watcher = watcher("will-delayed-watcher", topic)) {
            connected(connectWithWill("will-delayed", true, topic, 2, 30)).close();
            long closedAt = System.nanoTime();
            assertTrue(watcher.poll(Duration.ofMillis(1_000)).isEmpty(), "no will during the first second of 2");
            assertWillArrives(watcher, topic);
            long waitedMillis = (System.nanoTime() - closedAt) / 1_000_000;
            assertTrue(waitedMillis >= 1_000, "will after " + waitedMillis + " ms");
        }
    }

    @Test
    void willIsNotPublishedWhenTheClientReconnectsWithinTheWillDelay() {
        String topic = "will/reconnected";
        try (RawMqttClient watcher = watcher("will-reconnected-watcher", topic)) {
            connected(connectWithWill("will-reconnected", true, topic, 2, 30)).close();
            try (RawMqttClient again = connected(V5Packets.connect("will-reconnected", false,
                    V5Props.none().integer(SESSION_EXPIRY_INTERVAL, 30)))) {
                // past the 2 s delay, with a second to spare for a broker that checks once a second
                assertTrue(watcher.poll(Duration.ofMillis(3_500)).isEmpty(), "will cancelled by the reconnect");
                again.send(V5Packets.disconnect(0));
            }
        }
    }

    @Test
    void willIsPublishedWhenTheSessionEndsBeforeTheWillDelay() {
        // MQTT 5 §3.1.3.2.2: "the Server delays publishing the Client's Will Message until the Will Delay
        // Interval has passed or the Session ends, whichever happens first"; Session Expiry 0 ends it now
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 waits for the full Will Delay after the session ended");
        String topic = "will/session-ended";
        try (RawMqttClient watcher = watcher("will-session-watcher", topic)) {
            connected(connectWithWill("will-session", true, topic, 60, 0)).close();
            assertWillArrives(watcher, topic);
        }
    }

    @Test
    void disconnectWithReason0x04PublishesTheWill() {
        String topic = "will/disconnect-04";
        try (RawMqttClient watcher = watcher("will-04-watcher", topic);
                RawMqttClient c = connected(connectWithWill("will-04", true, topic, 0, 0))) {
            c.send(V5Packets.disconnect(0x04));
            assertWillArrives(watcher, topic);
        }
    }

    @Test
    void normalDisconnectDiscardsTheWill() {
        String topic = "will/disconnect-00";
        try (RawMqttClient watcher = watcher("will-00-watcher", topic);
                RawMqttClient c = connected(connectWithWill("will-00", true, topic, 0, 0))) {
            c.send(V5Packets.disconnect(0x00));
            watcher.assertNothingReceived();
        }
    }
}
