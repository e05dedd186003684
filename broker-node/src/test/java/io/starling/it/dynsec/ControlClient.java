package io.starling.it.dynsec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An admin connection sending payloads to {@code $CONTROL/dynamic-security/v1} and reading the answers. */
final class ControlClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MqttClient client;
    private final BlockingQueue<String> responses = new LinkedBlockingQueue<>();

    ControlClient(String uri, String username, String password) throws MqttException {
        client = new MqttClient(uri, "dynsec-admin", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(username);
        options.setPassword(password.toCharArray());
        options.setCleanSession(true);
        client.connect(options);
        client.subscribe("$CONTROL/dynamic-security/v1/response", 1,
                (topic, message) -> responses.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
    }

    /** Publishes the payload and returns the broker's answer (at most 10 s). */
    JsonNode send(String payload) throws Exception {
        try {
            client.publish("$CONTROL/dynamic-security/v1", payload.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            throw new AssertionError("mosquitto dropped the control connection at " + payload, e);
        }
        String answer = responses.poll(10, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("no answer from mosquitto to " + payload);
        }
        return MAPPER.readTree(answer);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
