package io.starling.it.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.starling.it.TestBroker;
import io.starling.it.raw.RawClient;
import io.starling.it.raw.RawConnect;
import io.starling.it.raw.RawPacket;
import io.starling.it.raw.RawPackets;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keepalive: PINGREQ/PINGRESP, closing silent clients after 1.5 x keepalive, and max_keepalive. */
class KeepAliveIT {

    private static final Duration WAIT = Duration.ofSeconds(3);
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    @Test
    void pingreqIsAnsweredWithPingresp() {
        try (RawClient c = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("ping")))) {
            c.send(RawPackets.pingreq());
            RawPacket pong = c.expect(RawPacket.PINGRESP, WAIT);
            assertEquals(0, pong.body().length);
        }
    }

    @Test
    void silentClientIsDisconnectedAfterOneAndAHalfTimesItsKeepalive() {
        int keepAlive = 2;
        try (RawClient c = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("quiet")).withKeepAlive(keepAlive))) {
            long start = System.nanoTime();
            // the broker's clock starts at the CONNECT, before ours: a little slack on our side
            Duration notBefore = KeepAliveDeadline.earliest(keepAlive).minusMillis(100);
            assertFalse(c.awaitClosedByBroker(notBefore), "closed before 1.5 x keepalive");
            assertTrue(c.awaitClosedByBroker(KeepAliveDeadline.latest(broker, keepAlive).minus(notBefore)),
                    "still open " + KeepAliveDeadline.latest(broker, keepAlive) + " after the last packet");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= notBefore.toMillis(), "closed after " + elapsedMillis + " ms");
        }
    }

    @Test
    void clientThatKeepsPingingStaysConnectedBeyondItsKeepalive() {
        try (RawClient c = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("pinger")).withKeepAlive(1))) {
            // 8 pings 500 ms apart span 4 s, well past 1.5 x 1 s
            for (int i = 0; i < 8; i++) {
                c.send(RawPackets.pingreq());
                c.expect(RawPacket.PINGRESP, WAIT);
                assertFalse(c.awaitClosedByBroker(Duration.ofMillis(500)), "closed although it pinged");
            }
        }
    }

    @Test
    void keepaliveZeroMeansTheBrokerNeverClosesASilentClient() {
        try (RawClient c = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("zero")).withKeepAlive(0))) {
            assertFalse(c.awaitClosedByBroker(Duration.ofMillis(2500)));
            c.send(RawPackets.pingreq());
            c.expect(RawPacket.PINGRESP, WAIT);
        }
    }

    @Test
    void maxKeepaliveDoesNotRefuseMqtt311ClientsAskingForMore() {
        // mosquitto.conf(5): max_keepalive "only applies to MQTT v5 clients"; a v3.1.1 client asking
        // for a longer keepalive, or for none (0), is accepted as it is
        try (TestBroker limited = TestBroker.start("max_keepalive 10\n")) {
            for (int keepAlive : new int[] {11, 3600, 0}) {
                try (RawClient c = RawClient.connect(limited, RawConnect.mqtt311("ka-" + keepAlive).withKeepAlive(keepAlive))) {
                    assertEquals(0, c.expect(RawPacket.CONNACK, WAIT).connackReturnCode(), "keepalive " + keepAlive);
                }
            }
        }
    }

    @Test
    void maxKeepaliveIsSentAsServerKeepaliveToMqtt5ClientsAskingForMore() {
        try (TestBroker limited = TestBroker.start("max_keepalive 10\n")) {
            Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier("ka5")
                    .serverHost(limited.host()).serverPort(limited.port()).buildBlocking();
            Mqtt5ConnAck ack = c.connectWith().keepAlive(60).send();
            try {
                assertEquals(OptionalInt.of(10), ack.getServerKeepAlive());
            } finally {
                c.disconnect();
            }
        }
    }
}
