package io.starling.it.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.starling.it.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An MQTT 5 will waiting for its Will Delay Interval is not lost when the node dies meanwhile. */
class DelayedWillAcrossRestartIT {

    @TempDir
    Path dir;
    private NodeProcess node;

    @BeforeEach
    void startNode() {
        node = NodeProcess.start(dir, "persistence true\npersistence_location " + dir.resolve("data") + "/\n");
    }

    @AfterEach
    void destroyNode() {
        node.close();
    }

    @Test
    void delayedWillIsPublishedAfterKill9AndRestart() throws InterruptedException {
        try (SessionClient subscriber = SessionClient.connect(node, "will-watcher", false)) {
            subscriber.subscribe("status/device-1", 1);
        }
        Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier("device-1")
                .serverHost(node.host()).serverPort(node.port()).buildBlocking();
        device.connectWith()
                .cleanStart(true)
                .sessionExpiryInterval(300)
                .willPublish().topic("status/device-1").payload("offline".getBytes(StandardCharsets.UTF_8))
                .qos(MqttQos.AT_LEAST_ONCE).delayInterval(3).applyWillPublish()
                .send();
        device.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
        Thread.sleep(1000); // the will now waits for its delay; its record is written meanwhile
        node.kill9();

        node.restart();

        try (SessionClient subscriber = SessionClient.connect(node, "will-watcher", false)) {
            assertEquals("offline", subscriber.next().payload(), node.tail());
        }
    }
}
