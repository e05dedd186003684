package io.starling.it.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.starling.it.NodeProcess;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wills are not lost to a stopping or crashing node when persistent subscribers wait for them. */
class WillsAcrossRestartIT {

    @RegisterExtension
    final NodeProcess node = NodeProcess.durablePerTest();

    private void watchWills() {
        try (SessionClient subscriber = SessionClient.connect(node, "will-watcher", false)) {
            subscriber.subscribe("status/#", 1);
        }
    }

    private Mqtt5BlockingClient device(String id, long willDelaySeconds) {
        Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost(node.host()).serverPort(node.port()).buildBlocking();
        device.connectWith()
                .cleanStart(true)
                .sessionExpiryInterval(300)
                .willPublish().topic("status/" + id).payload("offline".getBytes(StandardCharsets.UTF_8))
                .qos(MqttQos.AT_LEAST_ONCE).delayInterval(willDelaySeconds).applyWillPublish()
                .send();
        return device;
    }

    @Test
    void delayedWillIsPublishedAfterKill9AndRestart() {
        watchWills();
        Mqtt5BlockingClient device = device("device-1", 3);
        device.subscribeWith().topicFilter("commands/device-1").qos(MqttQos.AT_LEAST_ONCE).send();
        device.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
        node.awaitOutput("Client device-1 disconnected.");
        // the session records in order: once this message to it is acknowledged (recorded), the
        // will it recorded before, waiting for its delay, is on disk too
        try (SessionClient publisher = SessionClient.connect(node, "commander", true)) {
            publisher.publish("commands/device-1", "reboot", 1);
        }
        node.kill9();

        node.restart();

        try (SessionClient subscriber = SessionClient.connect(node, "will-watcher", false)) {
            assertEquals("offline", subscriber.next().payload(), node.tail());
        }
    }

    @Test
    void willOfAClientConnectedAtACleanStopReachesAPersistentSubscriberAfterRestart() {
        watchWills();
        device("device-2", 0); // stays connected: the stop ends its connection

        node.stop();
        node.restart();

        try (SessionClient subscriber = SessionClient.connect(node, "will-watcher", false)) {
            assertEquals("offline", subscriber.next().payload(), node.tail());
        }
    }
}
