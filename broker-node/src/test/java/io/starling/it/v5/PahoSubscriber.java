package io.starling.it.v5;

import static org.junit.jupiter.api.Assertions.fail;

import io.starling.it.TestBroker;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * An Eclipse Paho MQTT 5 client whose received messages wait in a queue for the test thread, so
 * the test never blocks Paho's callback thread.
 */
public final class PahoSubscriber implements AutoCloseable {

    /** A message as Paho delivered it. */
    public record Received(String topic, MqttMessage message) {
    }

    private final MqttClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private PahoSubscriber(MqttClient client) {
        this.client = client;
    }

    /** Connects with a clean start and subscribes to {@code filter} at this QoS. */
    public static PahoSubscriber subscribe(TestBroker broker, String clientId, String filter, int qos) {
        try {
            MqttClient c = new MqttClient(broker.uri(), clientId, new MemoryPersistence());
            PahoSubscriber s = new PahoSubscriber(c);
            c.setCallback(s.callback());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            c.connect(options);
            c.subscribe(filter, qos);
            return s;
        } catch (MqttException e) {
            return fail("Paho could not connect and subscribe", e);
        }
    }

    public MqttClient client() {
        return client;
    }

    /** The next message; fails if none arrives within {@link RawMqttClient#PRESENCE}. */
    public Received next() {
        try {
            Received r = received.poll(RawMqttClient.PRESENCE.toMillis(), TimeUnit.MILLISECONDS);
            return r != null ? r : fail("Paho received nothing within " + RawMqttClient.PRESENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            // the broker dropped us already: nothing to close
        }
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        };
    }
}
