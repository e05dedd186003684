package io.starling.it.cluster;

import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import io.starling.it.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client subscribed to {@code $SYS/#} on one node, keeping every value it receives: the latest
 * per topic, and all of them in order (to check that nothing from another node ever came).
 */
final class SysWatcher implements AutoCloseable {

    static final String UPTIME = "$SYS/broker/uptime";

    /** A received $SYS value. */
    record Value(String topic, String text) {
    }

    private final Mqtt3AsyncClient client;
    private final Map<String, String> latest = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Value> all = new ConcurrentLinkedQueue<>();

    private SysWatcher(Mqtt3AsyncClient client) {
        this.client = client;
    }

    /** Connects to the node at {@code port} and subscribes; returns once the SUBACK came. */
    static SysWatcher on(int port) throws Exception {
        Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3()
                .identifier("sys-watcher-" + UUID.randomUUID().toString().substring(0, 8))
                .serverHost(NodeProcess.HOST).serverPort(port).buildAsync();
        client.connect().get(10, TimeUnit.SECONDS);
        SysWatcher watcher = new SysWatcher(client);
        client.subscribeWith().topicFilter("$SYS/#").qos(MqttQos.AT_MOST_ONCE).callback(p -> {
            String topic = p.getTopic().toString();
            String text = new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
            watcher.latest.put(topic, text);
            watcher.all.add(new Value(topic, text));
        }).send().get(10, TimeUnit.SECONDS);
        return watcher;
    }

    /** The latest value of {@code topic}, or null if none came yet. */
    String latest(String topic) {
        return latest.get(topic);
    }

    /** The latest value of {@code topic} as a number, waiting (bounded) for its first value. */
    long number(String topic) {
        await().atMost(Duration.ofSeconds(10)).until(() -> latest.containsKey(topic));
        return Long.parseLong(latest.get(topic));
    }

    /** Every value of {@code topic} received so far, oldest first. */
    List<String> values(String topic) {
        return all.stream().filter(v -> v.topic().equals(topic)).map(Value::text).toList();
    }

    /** Waits until the node has published {@code ticks} more sys_interval rounds. */
    void awaitTicks(int ticks) {
        int seen = values(UPTIME).size();
        await().atMost(Duration.ofSeconds(10L + ticks * 2L)).until(() -> values(UPTIME).size() >= seen + ticks);
    }

    @Override
    public void close() throws Exception {
        client.disconnect().get(10, TimeUnit.SECONDS);
    }
}
