package io.starling.it.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient.Mqtt3Publishes;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.starling.it.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** HiveMQ MQTT 3 blocking clients for the tests, and bounded ways to wait for their messages. */
final class HiveClients {

    private HiveClients() {
    }

    /** A client for this broker, not yet connected. */
    static Mqtt3BlockingClient client(TestBroker broker, String clientId) {
        return MqttClient.builder()
                .useMqttVersion3()
                .identifier(clientId)
                .serverHost(broker.host())
                .serverPort(broker.port())
                .buildBlocking();
    }

    /** A client connected with a clean session. */
    static Mqtt3BlockingClient connected(TestBroker broker, String clientId) {
        Mqtt3BlockingClient c = client(broker, clientId);
        c.connect();
        return c;
    }

    /** Exactly {@code count} messages, each arriving within {@code eachWithin} of the previous one. */
    static List<Mqtt3Publish> receive(Mqtt3Publishes publishes, int count, Duration eachWithin) {
        List<Mqtt3Publish> got = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Optional<Mqtt3Publish> p = publishes.receive(eachWithin.toMillis(), TimeUnit.MILLISECONDS);
                assertTrue(p.isPresent(), "expected " + count + " messages but got only " + got.size());
                got.add(p.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return got;
    }

    static Mqtt3Publish receiveOne(Mqtt3Publishes publishes) {
        return receive(publishes, 1, Duration.ofSeconds(3)).get(0);
    }

    /** Asserts that no further message arrives within {@code quiet}. */
    static void assertNoMore(Mqtt3Publishes publishes, Duration quiet) {
        try {
            Optional<Mqtt3Publish> p = publishes.receive(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(Optional.empty(), p.map(HiveClients::describe), "no further message expected");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String text(Mqtt3Publish p) {
        return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    static String describe(Mqtt3Publish p) {
        return p.getTopic() + " '" + text(p) + "' qos=" + p.getQos().getCode() + " retain=" + p.isRetain();
    }
}
