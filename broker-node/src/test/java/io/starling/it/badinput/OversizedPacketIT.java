package io.starling.it.badinput;

import static io.starling.it.v5.HiveClients.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.starling.it.TestBroker;
import io.starling.it.v5.PacketBytes;
import io.starling.it.v5.RawMqttClient;
import io.starling.it.v5.V5Packets;
import io.starling.it.v5.V5Props;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Packets over the broker's limits: {@code max_packet_size} closes, {@code message_size_limit} refuses. */
class OversizedPacketIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("""
                max_packet_size 1000
                message_size_limit 500
                """);

    @Test
    void packetAboveMaxPacketSizeIsAnsweredWithDisconnect0x95() {
        try (Bystander other = Bystander.connect(broker, "big-v5-other");
                RawMqttClient offender = RawMqttClient.connectV5(broker, "big-v5", V5Props.none())) {
            offender.send(V5Packets.publish("big/v5", MqttQoS.AT_MOST_ONCE, 0, "x".repeat(2000), V5Props.none()));
            // 0x95 Packet too large (MQTT-3.2.2-15 bounds what the Server accepts)
            assertEquals(0x95, offender.awaitDisconnectAndClose().reasonCode() & 0xff);
            other.assertStillWorks();
        }
    }

    @Test
    void packetAboveMaxPacketSizeClosesAnMqtt311Connection() {
        try (Bystander other = Bystander.connect(broker, "big-311-other");
                RawMqttClient offender = RawMqttClient.open(broker)) {
            offender.sendBytes(PacketBytes.connect("MQTT", 4, "big-311"));
            offender.next(MqttMessageType.CONNACK);
            offender.sendBytes(PacketBytes.body().string("big/311").raw(utf8("x".repeat(2000))).packet(0x30));
            assertEquals(List.of(), offender.awaitClose(), "closed without a reply");
            other.assertStillWorks();
        }
    }

    @Test
    void payloadAboveMessageSizeLimitIsRefusedButTheConnectionStays() {
        // Mosquitto's message_size_limit: the message is dropped, a QoS 1 publisher hears 0x95
        // in its PUBACK, and the connection carries on
        try (RawMqttClient subscriber = RawMqttClient.connectV5(broker, "msl-sub", V5Props.none());
                RawMqttClient publisher = RawMqttClient.connectV5(broker, "msl-pub", V5Props.none())) {
            subscriber.subscribe(V5Packets.subscribe(1, "msl/t", MqttQoS.AT_LEAST_ONCE));

            publisher.send(V5Packets.publish("msl/t", MqttQoS.AT_LEAST_ONCE, 1, "x".repeat(700), V5Props.none()));
            MqttPubAckMessage refused = (MqttPubAckMessage) publisher.next(MqttMessageType.PUBACK);
            assertEquals(1, refused.variableHeader().messageId());
            assertEquals(0x95, ((MqttPubReplyMessageVariableHeader) refused.variableHeader()).reasonCode() & 0xff);

            publisher.send(V5Packets.publish("msl/t", MqttQoS.AT_LEAST_ONCE, 2, "small", V5Props.none()));
            assertEquals(2, publisher.nextPublishAck().variableHeader().messageId());

            assertEquals("small", V5Packets.text(subscriber.nextPublish()), "only the small message arrives");
            subscriber.assertNothingReceived();
        }
    }
}
