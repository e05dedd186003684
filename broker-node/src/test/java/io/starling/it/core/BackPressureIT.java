package io.starling.it.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.starling.it.TestBroker;
import io.starling.it.raw.RawClient;
import io.starling.it.raw.RawConnect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A publisher faster than its subscriber is slowed down, not dropped on the floor: the broker
 * stops reading the publisher while the subscriber lags. The queue limit is small here, so a
 * broker without back-pressure loses most of the messages (as Mosquitto does).
 */
class BackPressureIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("max_queued_messages 100\n");

    /** Paho hands messages over on one thread; while it sleeps, Paho stops reading the socket. */
    private static final class SlowCollector implements MqttCallback {
        final List<String> received = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            Thread.sleep(1);
        }

        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    @Test
    void aFastQos1PublisherIntoASlowSubscriberLosesNothingAndKeepsOrder() throws Exception {
        assumeStarling();
        String topic = Ids.unique("bp/slow");
        SlowCollector slow = new SlowCollector();
        MqttClient subscriber = new MqttClient(broker.uri(), Ids.unique("bp-sub"), new MemoryPersistence());
        subscriber.setCallback(slow);
        subscriber.connect(PahoCollector.options(true));
        subscriber.subscribe(topic, 1);
        Mqtt3AsyncClient publisher = HiveClients.connected(broker, Ids.unique("bp-pub")).toAsync();

        int count = 3000;
        List<CompletableFuture<Mqtt3Publish>> acks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            acks.add(publisher.publishWith().topic(topic).payload(("m" + i).getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE).send());
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> slow.received.size() >= count);

        List<String> got = List.copyOf(slow.received);
        assertEquals(count, got.size(), "messages received");
        for (int i = 0; i < count; i++) {
            assertEquals("m" + i, got.get(i), "message " + i);
        }
        publisher.disconnect().get(5, TimeUnit.SECONDS);
        subscriber.disconnect();
        subscriber.close();
    }

    @Test
    void aSubscriberThatStopsReadingDoesNotStopItsPublishersForEver() throws Exception {
        assumeStarling();
        String topic = Ids.unique("bp/stalled");
        // subscribes, then never reads again: its socket fills and its backlog stops moving
        try (RawClient stalled = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("bp-stalled")))) {
            stalled.subscribe(1, topic, 1);
            // a reader that keeps up: it must get everything once the stalled one stops holding
            Mqtt3AsyncClient reader = HiveClients.connected(broker, Ids.unique("bp-reader")).toAsync();
            AtomicInteger read = new AtomicInteger();
            reader.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> read.incrementAndGet()).send().get(5, TimeUnit.SECONDS);
            Mqtt3AsyncClient publisher = HiveClients.connected(broker, Ids.unique("bp-pub2")).toAsync();

            // enough bytes to fill the stalled client's socket buffers many times over
            byte[] payload = new byte[16 * 1024];
            int count = 2000;
            List<CompletableFuture<Mqtt3Publish>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                acks.add(publisher.publishWith().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).send());
            }
            // held while the stalled client holds the broker back, then let go (StallWatch)
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertEquals(count, read.get(), "messages the reader received"));
            publisher.disconnect().get(5, TimeUnit.SECONDS);
            reader.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    /** Mosquitto has no back-pressure: it drops what exceeds the queue, which these tests forbid. */
    private static void assumeStarling() {
        Assumptions.assumeFalse(broker.isMosquitto(),
                "Mosquitto drops messages beyond max_queued_messages instead of slowing the publisher");
    }
}
