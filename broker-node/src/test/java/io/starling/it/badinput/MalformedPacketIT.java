package io.starling.it.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.starling.it.TestBroker;
import io.starling.it.v5.PacketBytes;
import io.starling.it.v5.RawMqttClient;
import io.starling.it.v5.V5Props;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed packets (MQTT 5 §4.13.1): the broker closes that connection, telling an MQTT 5 client
 * 0x81 (Malformed Packet) first, and every other client carries on.
 */
class MalformedPacketIT {

    /** A PUBLISH header whose remaining length runs to five bytes; four is the most MQTT allows. */
    private static final byte[] FIVE_BYTE_REMAINING_LENGTH = {0x30, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    /** Connects an MQTT 5 client that then sends {@code bad}; the bystander must keep working. */
    private static void assertMalformedPacket(String clientId, byte[] bad) {
        try (Bystander other = Bystander.connect(broker, clientId + "-other");
                RawMqttClient offender = RawMqttClient.connectV5(broker, clientId, V5Props.none())) {
            offender.sendBytes(bad);
            MqttReasonCodeAndPropertiesVariableHeader disconnect = offender.awaitDisconnectAndClose();
            assertEquals(0x81, disconnect.reasonCode() & 0xff, "DISCONNECT reason code");
            other.assertStillWorks();
        }
    }

    @Test
    void remainingLengthLongerThanFourBytesClosesOnlyThatConnection() {
        try (Bystander other = Bystander.connect(broker, "mal-length-other");
                RawMqttClient offender = RawMqttClient.connectV5(broker, "mal-length", V5Props.none())) {
            offender.sendBytes(FIVE_BYTE_REMAINING_LENGTH);
            List<MqttMessage> beforeClose = offender.awaitClose();
            assertTrue(beforeClose.size() <= 1 && beforeClose.stream()
                            .allMatch(m -> m.fixedHeader().messageType() == MqttMessageType.DISCONNECT),
                    () -> "at most a DISCONNECT before the close: " + beforeClose);
            other.assertStillWorks();
        }
    }

    @Test
    void remainingLengthLongerThanFourBytesIsAnsweredWithMalformedPacket() {
        // §4.13.1: on a Malformed Packet the Server SHOULD send DISCONNECT 0x81 before closing
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 closes without a DISCONNECT on a bad remaining length");
        assertMalformedPacket("mal-length-81", FIVE_BYTE_REMAINING_LENGTH);
    }

    @Test
    void subscribeWithReservedFlagBitsIsAMalformedPacket() {
        // SUBSCRIBE's fixed header flags must be 0010 (MQTT-3.8.1-1); here they are 0000
        byte[] subscribe = PacketBytes.body().uint16(1).properties().string("mal/flags").uint8(0).packet(0x80);
        assertMalformedPacket("mal-flags", subscribe);
    }

    @Test
    void publishWithBothQosBitsSetIsAMalformedPacket() {
        // QoS 3 (MQTT-3.3.1-4): first byte 0x36 = PUBLISH with QoS bits 11
        byte[] publish = PacketBytes.body().string("mal/qos3").uint16(1).properties().raw((byte) 'x').packet(0x36);
        assertMalformedPacket("mal-qos3", publish);
    }

    @Test
    void topicLengthRunningPastThePacketIsAMalformedPacket() {
        // the topic claims 9 bytes but the whole packet body holds only 5
        byte[] publish = {0x30, 0x05, 0x00, 0x09, 'a', 0x00, 'x'};
        assertMalformedPacket("mal-topic-length", publish);
    }

    @Test
    void malformedPacketFromAnMqtt311ClientClosesItsConnectionSilently() {
        // MQTT 3.1.1 has no DISCONNECT from the server: the connection is simply closed
        try (Bystander other = Bystander.connect(broker, "mal-311-other");
                RawMqttClient offender = RawMqttClient.open(broker)) {
            offender.sendBytes(PacketBytes.connect("MQTT", 4, "mal-311"));
            offender.next(MqttMessageType.CONNACK);
            offender.sendBytes(PacketBytes.body().string("mal/qos3").uint16(1).raw((byte) 'x').packet(0x36));
            List<MqttMessage> beforeClose = offender.awaitClose();
            assertEquals(List.of(), beforeClose, "nothing sent before the close");
            other.assertStillWorks();
        }
    }
}
