package io.starling.it.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.starling.it.TestBroker;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mosquitto's $SYS/broker topics, published every sys_interval as retained messages. */
class SysTopicsIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("sys_interval 1\n");

    private static Mqtt3BlockingClient client(String id) {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier(id)
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
        client.connect();
        return client;
    }

    /** Collects $SYS values until {@code done} holds for them, for at most five seconds. */
    private static Map<String, String> sysValues(String filter, Predicate<Map<String, String>> done) throws Exception {
        Mqtt3BlockingClient watcher = client("sys-watcher-" + System.nanoTime());
        Map<String, String> values = new HashMap<>();
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter(filter).qos(MqttQos.AT_MOST_ONCE).send();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!done.test(values) && System.nanoTime() < deadline) {
                Optional<Mqtt3Publish> next = publishes.receive(200, TimeUnit.MILLISECONDS);
                next.ifPresent(p -> values.put(p.getTopic().toString(),
                        new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
            }
        } finally {
            watcher.disconnect();
        }
        return values;
    }

    @Test
    void newSubscriberGetsVersionAndUptimeAtOnceAsRetainedMessages() throws Exception {
        Map<String, String> values = sysValues("$SYS/broker/+",
                v -> v.containsKey("$SYS/broker/version") && v.containsKey("$SYS/broker/uptime"));
        assertTrue(values.get("$SYS/broker/version").startsWith(broker.isMosquitto() ? "mosquitto" : "starling"),
                values.toString());
        assertTrue(values.get("$SYS/broker/uptime").matches("\\d+ seconds"), values.toString());
    }

    @Test
    void connectedClientsAreCounted() throws Exception {
        Mqtt3BlockingClient a = client("sys-count-a");
        Mqtt3BlockingClient b = client("sys-count-b");
        try {
            // the two clients plus the watcher
            Map<String, String> values = sysValues("$SYS/broker/clients/connected",
                    v -> Integer.parseInt(v.getOrDefault("$SYS/broker/clients/connected", "0")) >= 3);
            assertTrue(Integer.parseInt(values.get("$SYS/broker/clients/connected")) >= 3, values.toString());
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    void retainedMessagesAndSubscriptionsAreCounted() throws Exception {
        Mqtt3BlockingClient publisher = client("sys-retainer");
        Mqtt3BlockingClient subscriber = client("sys-subscriber");
        try {
            publisher.publishWith().topic("sys-test/retained").payload("x".getBytes()).retain(true).send();
            subscriber.subscribeWith().topicFilter("sys-test/a").send();
            subscriber.subscribeWith().topicFilter("sys-test/b").send();
            Map<String, String> values = sysValues("$SYS/broker/#", v ->
                    Integer.parseInt(v.getOrDefault("$SYS/broker/retained messages/count", "0")) >= 1
                            && Integer.parseInt(v.getOrDefault("$SYS/broker/subscriptions/count", "0")) >= 3);
            assertTrue(Integer.parseInt(values.get("$SYS/broker/retained messages/count")) >= 1, values.toString());
            assertTrue(Integer.parseInt(values.get("$SYS/broker/subscriptions/count")) >= 3, values.toString());
            publisher.publishWith().topic("sys-test/retained").retain(true).send(); // clear
        } finally {
            publisher.disconnect();
            subscriber.disconnect();
        }
    }

    @Test
    void receivedPublishMessagesAreCounted() throws Exception {
        long before = Long.parseLong(sysValues("$SYS/broker/publish/messages/received",
                v -> !v.isEmpty()).getOrDefault("$SYS/broker/publish/messages/received", "0"));
        Mqtt3BlockingClient publisher = client("sys-publisher");
        try {
            for (int i = 0; i < 5; i++) {
                publisher.publishWith().topic("sys-test/count").payload(new byte[] {1}).qos(MqttQos.AT_LEAST_ONCE).send();
            }
        } finally {
            publisher.disconnect();
        }
        Map<String, String> values = sysValues("$SYS/broker/publish/messages/received",
                v -> Long.parseLong(v.getOrDefault("$SYS/broker/publish/messages/received", "0")) >= before + 5);
        assertTrue(Long.parseLong(values.get("$SYS/broker/publish/messages/received")) >= before + 5,
                before + " then " + values);
    }

    @Test
    void wildcardSubscribersDoNotReceiveSysTopics() throws Exception {
        Map<String, String> values = sysValues("#", v -> false); // five seconds of '#'
        assertEquals(Map.of(), values);
    }
}
