package io.starling.it.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.starling.it.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Collects what a Paho MQTT 3 client receives, and whether it lost its connection. */
public final class PahoCollector implements MqttCallback {

    /** A message as Paho handed it over. */
    public record Received(String topic, MqttMessage message) {
        public String text() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }
    }

    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final CountDownLatch lost = new CountDownLatch(1);

    /** A Paho client (kept in memory, never on disk) connected with these options. */
    static MqttClient connect(TestBroker broker, String clientId, MqttConnectOptions options, PahoCollector collector)
            throws MqttException {
        MqttClient c = new MqttClient(broker.uri(), clientId, new MemoryPersistence());
        c.setCallback(collector);
        c.connect(options);
        return c;
    }

    /** Options for an MQTT 3.1.1 connection (no silent fall-back to 3.1) without automatic reconnect. */
    public static MqttConnectOptions options(boolean cleanSession) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(cleanSession);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        return o;
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost.countDown();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        messages.add(new Received(topic, message));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }

    public Received next(Duration timeout) throws InterruptedException {
        Received r = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(r, "expected a message within " + timeout);
        return r;
    }

    List<Received> next(int count, Duration eachWithin) throws InterruptedException {
        List<Received> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Received r = messages.poll(eachWithin.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(r, "expected " + count + " messages but got only " + got.size());
            got.add(r);
        }
        return got;
    }

    void assertNoMore(Duration quiet) throws InterruptedException {
        Received r = messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(null, r == null ? null : r.topic() + " '" + r.text() + "'", "no further message expected");
    }

    boolean awaitConnectionLost(Duration timeout) throws InterruptedException {
        return lost.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
