package io.starling.it.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import io.starling.it.v5.HiveClients;

/**
 * A well-behaved TLS client connected while another client fails its handshake: afterwards it must
 * still publish and receive, proving that the failure closed only the other connection.
 */
final class TlsBystander implements AutoCloseable {

    private final Mqtt5BlockingClient client;
    private final Mqtt5Publishes received;
    private final String topic;
    private int sent;

    private TlsBystander(Mqtt5BlockingClient client, String topic) {
        this.client = client;
        this.topic = topic;
        this.received = client.publishes(MqttGlobalPublishFilter.ALL);
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    /** Connects over TLS (HiveMQ, MQTT 5, no client certificate) and subscribes to a topic of its own. */
    static TlsBystander connect(TestCertificates certs, int port, String clientId) {
        Mqtt5BlockingClient client = TlsClients.hive(certs, port, clientId, null);
        client.connect();
        return new TlsBystander(client, "bystander/" + clientId);
    }

    /** Connects over WSS (HiveMQ, MQTT 5, no client certificate) and subscribes to a topic of its own. */
    static TlsBystander connectOverWss(TestCertificates certs, int port, String clientId) {
        Mqtt5BlockingClient client = TlsClients.hiveOverWss(certs, port, clientId);
        client.connect();
        return new TlsBystander(client, "bystander/" + clientId);
    }

    /** Publishes a QoS 1 message to itself through the broker and receives it. */
    void assertStillWorks() {
        String payload = "still-working-" + sent++;
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(HiveClients.utf8(payload)).send();
        assertEquals(payload, HiveClients.text(HiveClients.next(received)), "bystander round trip");
        assertEquals(true, client.getState().isConnected());
    }

    @Override
    public void close() {
        received.close();
        HiveClients.disconnectQuietly(client);
    }
}
