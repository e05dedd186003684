package io.starling.it.durable;

import io.starling.it.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An MQTT 3.1.1 client (Eclipse Paho) for session tests: connects with or without a clean
 * session, collects what it receives, and acknowledges it only when asked (manual acks), so a
 * test can leave a message in flight.
 */
final class SessionClient implements AutoCloseable {

    static final long WAIT_SECONDS = 10;

    record Received(String topic, String payload, int qos, boolean duplicate, int packetId) {
    }

    private final MqttClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final boolean sessionPresent;

    private SessionClient(NodeProcess node, String clientId, boolean cleanSession, boolean autoAck) {
        try {
            client = new MqttClient("tcp://" + node.host() + ":" + node.port(), clientId, new MemoryPersistence());
            client.setManualAcks(!autoAck);
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                            message.getQos(), message.isDuplicate(), message.getId()));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(cleanSession);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout((int) WAIT_SECONDS);
            options.setKeepAliveInterval(60);
            sessionPresent = client.connectWithResult(options).getSessionPresent();
        } catch (MqttException e) {
            throw new AssertionError("cannot connect " + clientId + ": " + e, e);
        }
    }

    /** A client that acknowledges every message as it arrives. */
    static SessionClient connect(NodeProcess node, String clientId, boolean cleanSession) {
        return new SessionClient(node, clientId, cleanSession, true);
    }

    /** A client that acknowledges nothing unless {@link #ack} is called. */
    static SessionClient connectWithoutAcks(NodeProcess node, String clientId, boolean cleanSession) {
        return new SessionClient(node, clientId, cleanSession, false);
    }

    boolean sessionPresent() {
        return sessionPresent;
    }

    void subscribe(String filter, int qos) {
        try {
            client.subscribe(filter, qos);
        } catch (MqttException e) {
            throw new AssertionError(e);
        }
    }

    /** Publishes and returns once the node acknowledged it (PUBACK for QoS 1). */
    void publish(String topic, String payload, int qos) {
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
        } catch (MqttException e) {
            throw new AssertionError(e);
        }
    }

    void ack(Received message) {
        try {
            client.messageArrivedComplete(message.packetId(), message.qos());
        } catch (MqttException e) {
            throw new AssertionError(e);
        }
    }

    Received next() {
        try {
            Received next = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("nothing received within " + WAIT_SECONDS + " s");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every message received within {@code millis} from now. */
    List<Received> drain(long millis) throws InterruptedException {
        List<Received> all = new ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            Received next = left <= 0 ? received.poll() : received.poll(left, TimeUnit.MILLISECONDS);
            if (next == null) {
                return all;
            }
            all.add(next);
        }
    }

    /** Drops the connection without DISCONNECT (as a crash of the client). */
    void drop() {
        try {
            client.disconnectForcibly(0, 1000, false);
        } catch (MqttException ignored) {
            // already gone
        }
        closeQuietly();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException ignored) {
            // the node was stopped or killed under the connection
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // nothing left to close
        }
    }
}
