package io.starling.it.v5;

import static org.junit.jupiter.api.Assertions.fail;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.starling.it.TestBroker;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** HiveMQ MQTT 5 clients for the tests, and small helpers around what they receive. */
public final class HiveClients {

    private HiveClients() {
    }

    /** A client for this broker, not yet connected. */
    public static Mqtt5BlockingClient client(TestBroker broker, String clientId) {
        return Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost(broker.host())
                .serverPort(broker.port())
                .buildBlocking();
    }

    /** A connected client with a clean start and no session kept after disconnect. */
    public static Mqtt5BlockingClient connected(TestBroker broker, String clientId) {
        Mqtt5BlockingClient c = client(broker, clientId);
        c.connect();
        return c;
    }

    /** The next message, which must arrive within {@link RawMqttClient#PRESENCE}. */
    public static Mqtt5Publish next(Mqtt5Publishes publishes) {
        return poll(publishes, RawMqttClient.PRESENCE.toMillis())
                .orElseGet(() -> fail("no message within " + RawMqttClient.PRESENCE));
    }

    /** Fails if a message arrives within {@link RawMqttClient#ABSENCE}. */
    public static void assertNothingReceived(Mqtt5Publishes publishes) {
        poll(publishes, RawMqttClient.ABSENCE.toMillis()).ifPresent(p -> fail("expected no message, got " + p
                + " payload " + text(p)));
    }

    public static Optional<Mqtt5Publish> poll(Mqtt5Publishes publishes, long millis) {
        try {
            return publishes.receive(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    public static String text(Mqtt5Publish p) {
        return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Disconnects if still connected; for finally blocks and resource cleanup. */
    public static void disconnectQuietly(Mqtt5BlockingClient c) {
        if (c.getState().isConnected()) {
            try {
                c.disconnect();
            } catch (RuntimeException e) {
                // the broker closed it meanwhile: nothing left to clean up
            }
        }
    }
}
