package io.starling.it.v5;

import static io.netty.handler.codec.mqtt.MqttProperties.MAXIMUM_PACKET_SIZE;
import static io.starling.it.v5.HiveClients.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.starling.it.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's Maximum Packet Size: the broker never sends it a bigger packet (MQTT 5 §3.1.2.11.4). */
class MaximumPacketSizeIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    @Test
    void messageLargerThanTheClientsMaximumPacketSizeIsDroppedForThatClientOnly() {
        String topic = "mps/t";
        try (RawMqttClient small = RawMqttClient.connectV5(broker, "mps-small",
                        V5Props.none().integer(MAXIMUM_PACKET_SIZE, 200));
                RawMqttClient large = RawMqttClient.connectV5(broker, "mps-large", V5Props.none())) {
            small.subscribe(V5Packets.subscribe(1, topic, MqttQoS.AT_LEAST_ONCE));
            large.subscribe(V5Packets.subscribe(1, topic, MqttQoS.AT_LEAST_ONCE));

            Mqtt5BlockingClient publisher = HiveClients.connected(broker, "mps-pub");
            String big = "b".repeat(500);
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8(big)).send();
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("small")).send();
            publisher.disconnect();

            assertEquals("small", V5Packets.text(small.nextPublish()), "the big message is skipped");
            small.assertNothingReceived();
            assertEquals(big, V5Packets.text(large.nextPublish()), "other subscribers still get it");
            assertEquals("small", V5Packets.text(large.nextPublish()));
        }
    }
}
