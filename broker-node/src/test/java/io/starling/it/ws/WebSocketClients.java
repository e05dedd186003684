package io.starling.it.ws;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.starling.it.TestBroker;
import io.starling.it.core.PahoCollector;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Real MQTT clients connecting to the broker's websockets listener, or its TCP listener, for comparison. */
final class WebSocketClients {

    private WebSocketClients() {
    }

    /** A HiveMQ MQTT 5 client over WebSocket at path /mqtt (subprotocol mqtt, the client's default), connected. */
    static Mqtt5BlockingClient hiveOverWebSocket(TestBroker broker, String clientId) {
        Mqtt5BlockingClient c = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(broker.host())
                .serverPort(broker.webSocketPort())
                .webSocketConfig().serverPath("mqtt").applyWebSocketConfig()
                .buildBlocking();
        c.connect();
        return c;
    }

    /** A HiveMQ MQTT 5 client over plain TCP, connected. */
    static Mqtt5BlockingClient hiveOverTcp(TestBroker broker, String clientId) {
        Mqtt5BlockingClient c = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(broker.host())
                .serverPort(broker.port())
                .buildBlocking();
        c.connect();
        return c;
    }

    /** A Paho MQTT 3.1.1 client on {@code ws://127.0.0.1:PORT/mqtt}, connected with a clean session. */
    static org.eclipse.paho.client.mqttv3.MqttClient pahoOverWebSocket(
            TestBroker broker, String clientId, PahoCollector messages) throws MqttException {
        var c = new org.eclipse.paho.client.mqttv3.MqttClient(broker.webSocketUri(), clientId, new MemoryPersistence());
        c.setCallback(messages);
        c.connect(PahoCollector.options(true));
        return c;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
