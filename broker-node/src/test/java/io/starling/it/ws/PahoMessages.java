package io.starling.it.ws;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** What a Paho MQTT 3 client receives, to wait for with a bound. */
final class PahoMessages implements MqttCallback {

    /** A message as Paho handed it over. */
    record Received(String topic, MqttMessage message) {
        String text() {
            return WebSocketClients.text(message.getPayload());
        }
    }

    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();

    @Override
    public void connectionLost(Throwable cause) {
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        messages.add(new Received(topic, message));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }

    Received next(Duration within) throws InterruptedException {
        Received r = messages.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(r, "expected a message within " + within);
        return r;
    }
}
