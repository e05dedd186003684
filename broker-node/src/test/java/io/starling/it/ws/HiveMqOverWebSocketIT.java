package io.starling.it.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.starling.it.TestBroker;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HiveMQ client (MQTT 5) over WebSocket, and messages crossing between a TCP listener and a
 * websockets listener of the same node, both ways.
 */
class HiveMqOverWebSocketIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClassWithWebSockets("");

    @Test
    void mqtt5MessageWithPropertiesMakesTheRoundTripOverWebSocket() throws Exception {
        Mqtt5BlockingClient sub = WebSocketClients.hiveOverWebSocket(broker, "ws-hive-sub");
        Mqtt5BlockingClient pub = WebSocketClients.hiveOverWebSocket(broker, "ws-hive-pub");
        try (Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("ws/hive/#").qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic("ws/hive/one").qos(MqttQos.AT_LEAST_ONCE)
                    .contentType("text/plain").userProperties().add("via", "websocket").applyUserProperties()
                    .payload(WebSocketClients.utf8("hello over ws")).send();

            Mqtt5Publish p = receive(publishes);
            assertEquals("ws/hive/one", p.getTopic().toString());
            assertEquals("hello over ws", WebSocketClients.text(p.getPayloadAsBytes()));
            assertEquals(MqttQos.AT_LEAST_ONCE, p.getQos());
            assertEquals("text/plain", p.getContentType().orElseThrow().toString());
            assertEquals("websocket", p.getUserProperties().asList().get(0).getValue().toString());
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    @Test
    void messagesCrossFromTcpToWebSocketAndBack() throws Exception {
        Mqtt5BlockingClient tcp = WebSocketClients.hiveOverTcp(broker, "cross-tcp");
        Mqtt5BlockingClient ws = WebSocketClients.hiveOverWebSocket(broker, "cross-ws");
        try (Mqtt5Publishes tcpReceived = tcp.publishes(MqttGlobalPublishFilter.ALL);
                Mqtt5Publishes wsReceived = ws.publishes(MqttGlobalPublishFilter.ALL)) {
            tcp.subscribeWith().topicFilter("cross/to-tcp").qos(MqttQos.AT_LEAST_ONCE).send();
            ws.subscribeWith().topicFilter("cross/to-ws").qos(MqttQos.AT_LEAST_ONCE).send();

            tcp.publishWith().topic("cross/to-ws").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(WebSocketClients.utf8("from tcp")).send();
            assertEquals("from tcp", WebSocketClients.text(receive(wsReceived).getPayloadAsBytes()));

            ws.publishWith().topic("cross/to-tcp").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(WebSocketClients.utf8("from ws")).send();
            assertEquals("from ws", WebSocketClients.text(receive(tcpReceived).getPayloadAsBytes()));
        } finally {
            ws.disconnect();
            tcp.disconnect();
        }
    }

    @Test
    void messageLargerThanNettysDefaultFrameLimitArrivesWhole() throws Exception {
        // Netty's WebSocket decoder refuses frames over 64 KiB unless told otherwise
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 did not deliver a 300 KB message over websockets within 5 s");
        byte[] payload = new byte[300_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        Mqtt5BlockingClient sub = WebSocketClients.hiveOverWebSocket(broker, "ws-large-sub");
        Mqtt5BlockingClient pub = WebSocketClients.hiveOverWebSocket(broker, "ws-large-pub");
        try (Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("ws/large").qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic("ws/large").qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();

            assertTrue(java.util.Arrays.equals(payload, receive(publishes).getPayloadAsBytes()), "payload bytes");
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    private static Mqtt5Publish receive(Mqtt5Publishes publishes) throws InterruptedException {
        Optional<Mqtt5Publish> p = publishes.receive(5, TimeUnit.SECONDS);
        assertTrue(p.isPresent(), "expected a message within 5 s");
        return p.get();
    }
}
