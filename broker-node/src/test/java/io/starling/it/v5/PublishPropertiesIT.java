package io.starling.it.v5;

import static io.starling.it.v5.HiveClients.next;
import static io.starling.it.v5.HiveClients.text;
import static io.starling.it.v5.HiveClients.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.starling.it.TestBroker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The application properties of a PUBLISH reach every subscriber unchanged (MQTT 5 §3.3.2.3). */
class PublishPropertiesIT {

    private static final byte[] CORRELATION = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
    // repeated names and an order that is not sorted: both must survive (MQTT-3.3.2-18)
    private static final List<String> USER_PROPERTIES = List.of("k=1", "z=2", "k=3", "a=4");

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    @Test
    void payloadFormatContentTypeResponseTopicCorrelationDataAndUserPropertiesPassThroughUnchanged() {
        String topic = "pp/all";
        Mqtt5BlockingClient hiveSubscriber = HiveClients.connected(broker, "pp-hive-sub");
        try (Mqtt5Publishes hiveReceived = hiveSubscriber.publishes(MqttGlobalPublishFilter.ALL);
                PahoSubscriber pahoSubscriber = PahoSubscriber.subscribe(broker, "pp-paho-sub", topic, 1)) {
            hiveSubscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

            Mqtt5BlockingClient publisher = HiveClients.connected(broker, "pp-pub");
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(utf8("héllo"))
                    .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
                    .contentType("text/plain; charset=utf-8")
                    .responseTopic("pp/reply")
                    .correlationData(CORRELATION)
                    .userProperties(Mqtt5UserProperties.builder()
                            .add("k", "1").add("z", "2").add("k", "3").add("a", "4").build())
                    .send();
            publisher.disconnect();

            Mqtt5Publish h = next(hiveReceived);
            assertEquals("héllo", text(h));
            assertEquals(Mqtt5PayloadFormatIndicator.UTF_8, h.getPayloadFormatIndicator().orElseThrow());
            assertEquals("text/plain; charset=utf-8", h.getContentType().orElseThrow().toString());
            assertEquals("pp/reply", h.getResponseTopic().orElseThrow().toString());
            assertArrayEquals(CORRELATION, bytes(h.getCorrelationData().orElseThrow()));
            assertEquals(USER_PROPERTIES, h.getUserProperties().asList().stream()
                    .map(p -> p.getName() + "=" + p.getValue()).toList());

            PahoSubscriber.Received p = pahoSubscriber.next();
            MqttProperties props = p.message().getProperties();
            assertEquals("héllo", new String(p.message().getPayload(), StandardCharsets.UTF_8));
            assertTrue(props.getPayloadFormat(), "Payload Format Indicator 1");
            assertEquals("text/plain; charset=utf-8", props.getContentType());
            assertEquals("pp/reply", props.getResponseTopic());
            assertArrayEquals(CORRELATION, props.getCorrelationData());
            assertEquals(USER_PROPERTIES, props.getUserProperties().stream()
                    .map((UserProperty u) -> u.getKey() + "=" + u.getValue()).toList());
        } finally {
            hiveSubscriber.disconnect();
        }
    }

    @Test
    void messageWithoutPropertiesGainsNone() {
        String topic = "pp/none";
        try (RawMqttClient subscriber = RawMqttClient.connectV5(broker, "pp-none-sub", V5Props.none());
                RawMqttClient publisher = RawMqttClient.connectV5(broker, "pp-none-pub", V5Props.none())) {
            subscriber.subscribe(V5Packets.subscribe(1, topic, MqttQoS.AT_MOST_ONCE));
            publisher.send(V5Packets.publish(topic, MqttQoS.AT_MOST_ONCE, 0, "plain",
                    V5Props.none()));
            MqttPublishMessage p = subscriber.nextPublish();
            assertEquals("plain", V5Packets.text(p));
            assertTrue(p.variableHeader().properties().isEmpty(),
                    () -> "no properties added: " + p.variableHeader().properties().listAll());
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
