package io.starling.it.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.starling.it.TestBroker;
import io.starling.it.v5.PacketBytes;
import io.starling.it.v5.RawMqttClient;
import io.starling.it.v5.V5Packets;
import io.starling.it.v5.V5Props;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Well-formed packets that break the protocol's rules: that connection is closed (MQTT 5: after a
 * DISCONNECT with the reason), every other client carries on.
 */
class ProtocolViolationIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    private static void assertAtMostADisconnect(List<MqttMessage> beforeClose) {
        assertTrue(beforeClose.size() <= 1 && beforeClose.stream()
                        .allMatch(m -> m.fixedHeader().messageType() == MqttMessageType.DISCONNECT),
                () -> "at most a DISCONNECT before the close: " + beforeClose);
    }

    @Test
    void publishToATopicWithWildcardsClosesOnlyThatConnection() {
        try (Bystander other = Bystander.connect(broker, "pv-wild-other");
                RawMqttClient offender = RawMqttClient.connectV5(broker, "pv-wild", V5Props.none())) {
            offender.sendBytes(PacketBytes.publishV5("pv/+/wild", "x"));
            assertAtMostADisconnect(offender.awaitClose());
            other.assertStillWorks();
        }
    }

    @Test
    void publishToATopicWithWildcardsIsAnsweredWithTopicNameInvalid() {
        // MQTT-3.3.2-2 forbids wildcards in a Topic Name; 0x90 (Topic Name invalid) says exactly that
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 answers 0x82 (Protocol Error) instead of 0x90");
        try (RawMqttClient offender = RawMqttClient.connectV5(broker, "pv-wild-90", V5Props.none())) {
            offender.sendBytes(PacketBytes.publishV5("pv/wild/#", "x"));
            assertEquals(0x90, offender.awaitDisconnectAndClose().reasonCode() & 0xff);
        }
    }

    @Test
    void subscribeToAnInvalidTopicFilterIsAMalformedPacket() {
        // '#' must be the last level (MQTT-4.7.1-1): "a/#/b" is not a topic filter at all, so the
        // packet is malformed (0x8F in SUBACK is for well-formed filters the server refuses)
        try (Bystander other = Bystander.connect(broker, "pv-filter-other");
                RawMqttClient offender = RawMqttClient.connectV5(broker, "pv-filter", V5Props.none())) {
            offender.send(V5Packets.subscribe(1, "pv/#/b", MqttQoS.AT_MOST_ONCE));
            assertEquals(0x81, offender.awaitDisconnectAndClose().reasonCode() & 0xff);
            other.assertStillWorks();
        }
    }

    @Test
    void secondConnectClosesOnlyThatConnection() {
        try (Bystander other = Bystander.connect(broker, "pv-connect-other");
                RawMqttClient offender = RawMqttClient.connectV5(broker, "pv-connect", V5Props.none())) {
            offender.send(V5Packets.connect("pv-connect", true, V5Props.none()));
            assertAtMostADisconnect(offender.awaitClose());
            other.assertStillWorks();
        }
    }

    @Test
    void secondConnectIsAnsweredWithProtocolError() {
        // MQTT-3.1.0-2: a second CONNECT is a Protocol Error; §4.13.1: SHOULD send DISCONNECT 0x82
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 closes without a DISCONNECT on a second CONNECT");
        try (RawMqttClient offender = RawMqttClient.connectV5(broker, "pv-connect-82", V5Props.none())) {
            offender.send(V5Packets.connect("pv-connect-82", true, V5Props.none()));
            assertEquals(0x82, offender.awaitDisconnectAndClose().reasonCode() & 0xff);
        }
    }
}
