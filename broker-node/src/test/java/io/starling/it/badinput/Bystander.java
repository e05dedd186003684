package io.starling.it.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import io.starling.it.TestBroker;
import io.starling.it.v5.HiveClients;

/**
 * A well-behaved client connected while another client misbehaves: afterwards it must still
 * publish and receive, proving that bad input closed only the offending connection.
 */
final class Bystander implements AutoCloseable {

    private final Mqtt5BlockingClient client;
    private final Mqtt5Publishes received;
    private final String topic;
    private int sent;

    private Bystander(Mqtt5BlockingClient client, String topic) {
        this.client = client;
        this.topic = topic;
        this.received = client.publishes(MqttGlobalPublishFilter.ALL);
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    /** Connects (MQTT 5, HiveMQ client) and subscribes to a topic of its own. */
    static Bystander connect(TestBroker broker, String clientId) {
        return new Bystander(HiveClients.connected(broker, clientId), "bystander/" + clientId);
    }

    /** Publishes a QoS 1 message to itself through the broker and receives it. */
    void assertStillWorks() {
        String payload = "still-working-" + sent++;
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(HiveClients.utf8(payload)).send();
        assertEquals(payload, HiveClients.text(HiveClients.next(received)), "bystander round trip");
    }

    @Override
    public void close() {
        received.close();
        HiveClients.disconnectQuietly(client);
    }
}
