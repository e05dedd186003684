package io.starling.it.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.starling.it.TestBroker;
import io.starling.it.core.PahoCollector;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Eclipse Paho (MQTT 3.1.1) on a {@code ws://} URI, as Paho users configure it. */
class PahoOverWebSocketIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClassWithWebSockets("");

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1})
    void messagePublishedOverWebSocketReachesSubscriberOverWebSocket(int qos) throws Exception {
        String topic = "ws/paho/" + qos + "/" + IDS.incrementAndGet();
        PahoCollector received = new PahoCollector();
        MqttClient sub = WebSocketClients.pahoOverWebSocket(broker, "ws-paho-sub-" + IDS.incrementAndGet(), received);
        MqttClient pub = WebSocketClients.pahoOverWebSocket(broker, "ws-paho-pub-" + IDS.incrementAndGet(), new PahoCollector());
        try {
            sub.subscribe(topic, qos);
            pub.publish(topic, WebSocketClients.utf8("over websocket at qos " + qos), qos, false);

            PahoCollector.Received r = received.next(WAIT);
            assertEquals(topic, r.topic());
            assertEquals("over websocket at qos " + qos, r.text());
            assertEquals(qos, r.message().getQos(), "delivered QoS");
        } finally {
            pub.disconnect();
            sub.disconnect();
            pub.close();
            sub.close();
        }
    }
}
