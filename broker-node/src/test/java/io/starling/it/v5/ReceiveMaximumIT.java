package io.starling.it.v5;

import static io.netty.handler.codec.mqtt.MqttProperties.RECEIVE_MAXIMUM;
import static io.starling.it.v5.HiveClients.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.starling.it.TestBroker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Flow control: the broker keeps at most Receive Maximum unacknowledged QoS 1 messages in flight. */
class ReceiveMaximumIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    @Test
    void brokerSendsNoMoreUnacknowledgedPublishesThanTheClientsReceiveMaximum() {
        String topic = "rm/window";
        try (RawMqttClient subscriber = RawMqttClient.connectV5(broker, "rm-sub",
                V5Props.none().integer(RECEIVE_MAXIMUM, 3))) {
            subscriber.subscribe(V5Packets.subscribe(1, topic, MqttQoS.AT_LEAST_ONCE));
            Mqtt5BlockingClient publisher = HiveClients.connected(broker, "rm-pub");
            for (int i = 0; i < 10; i++) {
                publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("m" + i)).send();
            }
            publisher.disconnect();

            List<MqttPublishMessage> inFlight = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                inFlight.add(subscriber.nextPublish());
            }
            subscriber.assertNothingReceived();

            // each PUBACK opens the window by exactly one message, in publish order
            List<String> payloads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                MqttPublishMessage oldest = inFlight.remove(0);
                payloads.add(V5Packets.text(oldest));
                subscriber.send(V5Packets.puback(oldest.variableHeader().packetId()));
                if (i < 7) {
                    inFlight.add(subscriber.nextPublish());
                }
            }
            subscriber.assertNothingReceived();
            assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"), payloads);
        }
    }
}
