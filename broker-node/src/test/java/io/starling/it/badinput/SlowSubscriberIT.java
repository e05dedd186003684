package io.starling.it.badinput;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.starling.it.TestBroker;
import io.starling.it.v5.HiveClients;
import io.starling.it.v5.RawMqttClient;
import io.starling.it.v5.V5Packets;
import io.starling.it.v5.V5Props;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subscriber that stops reading its socket must not stall the broker, the publisher or the
 * other subscribers: the broker bounds what it holds for it ({@code max_queued_messages}).
 */
class SlowSubscriberIT {

    private static final int MESSAGES = 2_000;
    private static final int PAYLOAD_BYTES = 8_192;
    private static final int BATCH = 50;

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("max_queued_messages 100\n");

    @Test
    void subscriberThatNeverReadsDoesNotHoldUpThePublisherOrOtherSubscribers() throws Exception {
        String topic = "slow/t";
        // 16 MB in all: far more than the kernel buffers on both sides of the stalled socket
        byte[] filler = new byte[PAYLOAD_BYTES];
        Arrays.fill(filler, (byte) 'x');

        try (RawMqttClient stalled = RawMqttClient.open(broker, 4_096)) {
            stalled.connect(V5Packets.connect("slow-stalled", true, V5Props.none()));
            stalled.subscribe(V5Packets.subscribe(1, topic, MqttQoS.AT_MOST_ONCE));
            // from here on nobody reads "stalled"

            AtomicInteger received = new AtomicInteger();
            AtomicReference<String> outOfOrder = new AtomicReference<>();
            Mqtt5BlockingClient healthy = HiveClients.connected(broker, "slow-healthy");
            healthy.toAsync().subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> {
                        int n = received.getAndIncrement();
                        String seq = new String(p.getPayloadAsBytes(), 0, 6, StandardCharsets.US_ASCII);
                        if (!seq.equals(sequence(n)) && outOfOrder.get() == null) {
                            outOfOrder.set("message " + n + " was " + seq);
                        }
                    })
                    .send().get(5, TimeUnit.SECONDS);

            // Batches of 50, each awaited at the healthy subscriber: max_queued_messages bounds
            // EVERY client's queue, so a publisher running far ahead of even a healthy subscriber
            // would (rightly) lose messages for it too. A broker blocked by the stalled socket
            // stops the batches arriving.
            Mqtt5AsyncClient publisher = HiveClients.connected(broker, "slow-publisher").toAsync();
            for (int batch = 0; batch < MESSAGES / BATCH; batch++) {
                List<CompletableFuture<Mqtt5PublishResult>> acks = new ArrayList<>(BATCH);
                for (int i = batch * BATCH; i < (batch + 1) * BATCH; i++) {
                    byte[] payload = filler.clone();
                    System.arraycopy(sequence(i).getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 6);
                    acks.add(publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send());
                }
                for (CompletableFuture<Mqtt5PublishResult> ack : acks) {
                    Mqtt5PublishResult.Mqtt5Qos1Result result =
                            (Mqtt5PublishResult.Mqtt5Qos1Result) ack.get(10, TimeUnit.SECONDS);
                    assertEquals(Mqtt5PubAckReasonCode.SUCCESS, result.getPubAck().getReasonCode());
                }
                int expected = (batch + 1) * BATCH;
                await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
                        .until(() -> received.get() >= expected);
            }
            // exactly once: no late duplicate may follow the last message
            await().during(RawMqttClient.ABSENCE).atMost(RawMqttClient.ABSENCE.multipliedBy(2))
                    .until(() -> received.get() == MESSAGES);
            assertEquals(MESSAGES, received.get(), "the healthy subscriber got every message exactly once");
            assertNull(outOfOrder.get(), "in publish order");

            // what the stalled subscriber can still read is bounded: the kernel buffers plus the
            // broker's queue for it, far less than all it was sent (or nothing, if it was dropped)
            int stalledCanRead = 0;
            while (stalledCanRead < MESSAGES && stalled.poll(RawMqttClient.ABSENCE).isPresent()) {
                stalledCanRead++;
            }
            assertTrue(stalledCanRead < MESSAGES, "the broker did not hold all " + MESSAGES + " messages for it");

            // the broker still takes new clients and routes their messages
            try (Bystander newcomer = Bystander.connect(broker, "slow-newcomer")) {
                newcomer.assertStillWorks();
            }
            healthy.disconnect();
            publisher.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    /** A fixed-width sequence number at the start of each payload, to check order and gaps. */
    private static String sequence(int i) {
        return String.format("%06d", i);
    }
}
