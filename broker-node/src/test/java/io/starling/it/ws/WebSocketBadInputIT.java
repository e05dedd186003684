package io.starling.it.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.starling.it.TestBroker;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a websockets listener does with input that is not MQTT over WebSocket: an HTTP error for a
 * plain HTTP request, a close for a text frame (MQTT-6.0.0-1) or a malformed MQTT packet, and
 * other clients carry on.
 */
class WebSocketBadInputIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** A PUBLISH header whose remaining length runs to five bytes; four is the most MQTT allows. */
    private static final byte[] FIVE_BYTE_REMAINING_LENGTH = {0x30, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};

    /** Header bytes the websockets listener accepts in an upgrade request. */
    private static final int HEADERS_SIZE = 4096;

    @RegisterExtension
    static final TestBroker broker =
            TestBroker.perClassWithWebSockets("websockets_headers_size " + HEADERS_SIZE + "\n");

    @Test
    void plainHttpGetIsAnsweredWithBadRequestAndClosed() throws Exception {
        // Mosquitto 2.0.11 (no http_dir) closes without an answer; Starling says why.
        assumeFalse(broker.isMosquitto(), "Mosquitto closes without an HTTP answer");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(broker.host(), broker.webSocketPort()), 5000);
            s.setSoTimeout((int) WAIT.toMillis());
            s.getOutputStream().write("GET /mqtt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            String answer = UpgradeRequests.readUntilClosed(s.getInputStream(), WAIT);

            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        }
    }

    @Test
    void upgradeAskingOnlyForAnotherSubprotocolIsRefused() throws Exception {
        assumeFalse(broker.isMosquitto(), "Mosquitto closes without an HTTP answer");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(broker.host(), broker.webSocketPort()), 5000);
            s.setSoTimeout((int) WAIT.toMillis());
            s.getOutputStream().write(("GET /mqtt HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            String answer = UpgradeRequests.readUntilClosed(s.getInputStream(), WAIT);

            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        }
    }

    @Test
    void upgradeRequestWithHeadersBeyondWebsocketsHeadersSizeClosesOnlyThatConnection() throws Exception {
        Mqtt5BlockingClient bystander = WebSocketClients.hiveOverWebSocket(broker, "ws-headers-bystander");
        try (Mqtt5Publishes received = bystander.publishes(MqttGlobalPublishFilter.ALL);
                Socket s = new Socket()) {
            bystander.subscribeWith().topicFilter("ws/headers/bystander").qos(MqttQos.AT_LEAST_ONCE).send();
            s.connect(new InetSocketAddress(broker.host(), broker.webSocketPort()), 5000);

            // four times the limit, and beyond what Mosquitto's libwebsockets buffer takes
            String answer = UpgradeRequests.sendAndReadUntilClosed(s,
                    UpgradeRequests.withPadding(4 * HEADERS_SIZE), WAIT);

            if (!broker.isMosquitto()) {
                assertTrue(answer.startsWith("HTTP/1.1 431 "), answer); // Mosquitto closes without an answer
            }
            assertBystanderStillReceives(bystander, received, "ws/headers/bystander");
        } finally {
            bystander.disconnect();
        }
    }

    @Test
    void upgradeRequestWithinWebsocketsHeadersSizeIsAccepted() throws Exception {
        // the other side of the limit: a little padding, well under it, is taken
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(broker.host(), broker.webSocketPort()), 5000);
            s.setSoTimeout((int) WAIT.toMillis());
            s.getOutputStream().write(UpgradeRequests.withPadding(HEADERS_SIZE / 8));

            byte[] status = s.getInputStream().readNBytes("HTTP/1.1 101 ".length());

            assertEquals("HTTP/1.1 101 ", new String(status, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void textFrameClosesTheConnection() throws Exception {
        // Mosquitto 2.0.11 reads MQTT from text frames too; MQTT says close (MQTT-6.0.0-1).
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 accepts text frames");
        try (RawWebSocket ws = RawWebSocket.open(broker)) {
            ws.sendBinary(RawWebSocket.CONNECT_V311);
            assertArrayEquals(RawWebSocket.CONNACK_ACCEPTED, ws.nextBinary(WAIT));

            ws.sendText("not mqtt");

            assertEquals(1003, ws.awaitClosed(WAIT), "close status: unsupported data");
        }
    }

    @Test
    void malformedPacketOverWebSocketClosesOnlyThatConnection() throws Exception {
        Mqtt5BlockingClient bystander = WebSocketClients.hiveOverWebSocket(broker, "ws-bystander");
        try (Mqtt5Publishes received = bystander.publishes(MqttGlobalPublishFilter.ALL);
                RawWebSocket offender = RawWebSocket.open(broker)) {
            bystander.subscribeWith().topicFilter("ws/bystander").qos(MqttQos.AT_LEAST_ONCE).send();
            offender.sendBinary(RawWebSocket.CONNECT_V311);
            assertArrayEquals(RawWebSocket.CONNACK_ACCEPTED, offender.nextBinary(WAIT));

            offender.sendBinary(FIVE_BYTE_REMAINING_LENGTH);

            assertNotNull(offender.awaitClosed(WAIT), "the offender's connection is closed");
            assertBystanderStillReceives(bystander, received, "ws/bystander");
        } finally {
            bystander.disconnect();
        }
    }

    @Test
    void mqttPacketSplitAcrossFramesAndFramesHoldingTwoPacketsAreRead() throws Exception {
        // MQTT 5 §6: a frame may carry part of a packet or several packets
        try (RawWebSocket ws = RawWebSocket.open(broker)) {
            byte[] connect = RawWebSocket.CONNECT_V311;
            ws.sendBinary(java.util.Arrays.copyOfRange(connect, 0, 5));
            ws.sendBinary(java.util.Arrays.copyOfRange(connect, 5, connect.length));
            assertArrayEquals(RawWebSocket.CONNACK_ACCEPTED, ws.nextBinary(WAIT));

            byte[] twoPings = {(byte) 0xc0, 0, (byte) 0xc0, 0};
            ws.sendBinary(twoPings);

            ByteArrayOutputStream got = new ByteArrayOutputStream();
            while (got.size() < 4) {
                got.write(ws.nextBinary(WAIT));
            }
            byte[] expected = {(byte) 0xd0, 0, (byte) 0xd0, 0};
            assertArrayEquals(expected, got.toByteArray(), "two PINGRESPs");
        }
    }

    @Test
    void clientSilentForOneAndAHalfKeepAlivesIsClosed() throws Exception {
        byte[] connectKeepAlive1 = RawWebSocket.CONNECT_V311.clone();
        connectKeepAlive1[11] = 1; // keep alive: 1 s
        try (RawWebSocket ws = RawWebSocket.open(broker)) {
            ws.sendBinary(connectKeepAlive1);
            assertArrayEquals(RawWebSocket.CONNACK_ACCEPTED, ws.nextBinary(WAIT));

            // the broker allows 1.5 s; WebSocket pings would not count, and the JDK client sends none
            assertNotNull(ws.awaitClosed(WAIT), "closed after 1.5 s without a packet");
        }
    }

    /** The bystander, subscribed to {@code topic}, still gets what it publishes there. */
    private static void assertBystanderStillReceives(Mqtt5BlockingClient bystander, Mqtt5Publishes received,
            String topic) throws InterruptedException {
        bystander.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(WebSocketClients.utf8("still here")).send();
        Optional<Mqtt5Publish> p = received.receive(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(p.isPresent(), "the bystander still receives");
        assertEquals("still here", WebSocketClients.text(p.get().getPayloadAsBytes()));
    }
}
