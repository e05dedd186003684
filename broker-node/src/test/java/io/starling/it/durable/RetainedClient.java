package io.starling.it.durable;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.starling.it.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** An MQTT 5 client (HiveMQ's) that publishes retained messages and reads what a node retains. */
final class RetainedClient implements AutoCloseable {

    private static final long RECEIVE_SECONDS = 10;

    private final Mqtt5BlockingClient client;

    RetainedClient(NodeProcess node) {
        client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("it-" + UUID.randomUUID())
                .serverHost(node.host())
                .serverPort(node.port())
                .buildBlocking();
        client.connect();
    }

    /** Publishes a retained QoS 1 message; returns once the node has sent PUBACK. */
    void publishRetained(String topic, String payload) {
        publishRetained(topic, payload, 0);
    }

    /** Publishes a retained QoS 0 message: nothing is acknowledged. */
    void publishRetainedAtMostOnce(String topic, String payload) {
        client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_MOST_ONCE)
                .retain(true)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    /**
     * Returns once the node has handled everything this client sent before: a node handles a
     * connection's packets in order, so the PUBACK of a QoS 1 message sent now comes after that.
     */
    void sync() {
        client.publishWith().topic("it/sync").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
    }

    /** As {@link #publishRetained(String, String)}, with a message expiry interval (0 = none). */
    void publishRetained(String topic, String payload, long expirySeconds) {
        var publish = client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .retain(true)
                .payload(payload.getBytes(StandardCharsets.UTF_8));
        if (expirySeconds > 0) {
            publish.messageExpiryInterval(expirySeconds);
        }
        publish.send();
    }

    /**
     * The retained messages a new subscription to each of {@code filters} receives. Ends with a
     * subscription to a marker just published: a node answers SUBSCRIBEs in order, so once the
     * marker arrives every retained message of the earlier filters has arrived too.
     */
    List<Mqtt5Publish> retainedFor(String... filters) {
        String marker = "it/marker/" + UUID.randomUUID();
        List<Mqtt5Publish> received = new ArrayList<>();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            for (String filter : filters) {
                client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
            }
            publishRetained(marker, "marker");
            client.subscribeWith().topicFilter(marker).qos(MqttQos.AT_LEAST_ONCE).send();
            while (true) {
                Optional<Mqtt5Publish> next = publishes.receive(RECEIVE_SECONDS, TimeUnit.SECONDS);
                if (next.isEmpty()) {
                    throw new AssertionError("no marker within " + RECEIVE_SECONDS + " s; received " + received);
                }
                if (next.get().getTopic().toString().equals(marker)) {
                    break;
                }
                received.add(next.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        publishRetained(marker, ""); // leave nothing behind
        return received;
    }

    static String payload(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            client.disconnect();
        } catch (RuntimeException alreadyGone) {
            // the node was stopped or killed under the connection
        }
    }
}
