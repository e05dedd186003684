package io.starling.it.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.starling.it.TestBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code max_connections} after a websockets listener limits that listener, as for TCP. */
class MaxConnectionsOverWebSocketIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClassWithWebSockets("max_connections 1\n");

    @Test
    void connectionBeyondTheListenersLimitIsRefusedWhileTheTcpListenerStillAccepts() throws Exception {
        try (RawWebSocket first = RawWebSocket.open(broker)) {
            first.sendBinary(RawWebSocket.CONNECT_V311);
            assertArrayEquals(RawWebSocket.CONNACK_ACCEPTED, first.nextBinary(Duration.ofSeconds(5)));

            assertThrows(RuntimeException.class, () -> RawWebSocket.open(broker).close(),
                    "the second WebSocket connection is closed before its upgrade");

            Mqtt5BlockingClient tcp = WebSocketClients.hiveOverTcp(broker, "max-conn-tcp");
            tcp.disconnect();
        }
    }
}
