package io.starling.it.tls;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import io.starling.it.TestBroker;
import io.starling.it.core.PahoCollector;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Real MQTT clients (HiveMQ, Paho) over TLS and WSS, trusting the test CA. */
final class TlsClients {

    private TlsClients() {
    }

    /** A HiveMQ MQTT 5 client on a TLS port, presenting {@code certificate} (null = none); not connected. */
    static Mqtt5BlockingClient hive(TestCertificates certs, int port, String clientId, String certificate) {
        return builder(certs, port, clientId, certificate).buildBlocking();
    }

    /** A HiveMQ MQTT 5 client on a TLS port that offers only {@code protocol} (e.g. TLSv1.2); not connected. */
    static Mqtt5BlockingClient hiveOnly(TestCertificates certs, int port, String clientId, String protocol) {
        return MqttClient.builder().useMqttVersion5()
                .identifier(clientId)
                .serverHost(TestBroker.HOST)
                .serverPort(port)
                .sslConfig()
                .trustManagerFactory(certs.trustManagers())
                .protocols(java.util.List.of(protocol))
                .applySslConfig()
                .buildBlocking();
    }

    /** A HiveMQ MQTT 5 client over WSS ({@code wss://127.0.0.1:PORT/mqtt}); not connected. */
    static Mqtt5BlockingClient hiveOverWss(TestCertificates certs, int port, String clientId) {
        return builder(certs, port, clientId, null)
                .webSocketConfig().serverPath("mqtt").applyWebSocketConfig()
                .buildBlocking();
    }

    private static Mqtt5ClientBuilder builder(TestCertificates certs, int port, String clientId, String certificate) {
        var ssl = MqttClient.builder().useMqttVersion5()
                .identifier(clientId)
                .serverHost(TestBroker.HOST)
                .serverPort(port)
                .sslConfig()
                .trustManagerFactory(certs.trustManagers());
        if (certificate != null) {
            ssl = ssl.keyManagerFactory(certs.keyManagers(certificate));
        }
        return ssl.applySslConfig();
    }

    /** A Paho MQTT 3.1.1 client on {@code ssl://127.0.0.1:PORT}, connected with {@code certificate} (null = none). */
    static org.eclipse.paho.client.mqttv3.MqttClient paho(TestCertificates certs, int port, String clientId,
            String certificate) throws MqttException {
        var client = new org.eclipse.paho.client.mqttv3.MqttClient(
                "ssl://" + TestBroker.HOST + ":" + port, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        options.setSocketFactory(certs.socketFactory(certificate));
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /**
     * A Paho MQTT 3.1.1 client on {@code wss://127.0.0.1:PORT/mqtt}, trusting the test CA (Paho takes
     * the TLS socket factory from its connect options for wss:// as for ssl://), connected.
     */
    static org.eclipse.paho.client.mqttv3.MqttClient pahoOverWss(TestCertificates certs, int port, String clientId,
            PahoCollector messages) throws MqttException {
        var client = new org.eclipse.paho.client.mqttv3.MqttClient(
                "wss://" + TestBroker.HOST + ":" + port + "/mqtt", clientId, new MemoryPersistence());
        client.setCallback(messages);
        MqttConnectOptions options = PahoCollector.options(true);
        options.setSocketFactory(certs.socketFactory(null));
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
        return client;
    }
}
