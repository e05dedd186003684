package io.starling.it.v5;

import static io.netty.handler.codec.mqtt.MqttProperties.SUBSCRIPTION_IDENTIFIER;
import static io.starling.it.v5.HiveClients.assertNothingReceived;
import static io.starling.it.v5.HiveClients.next;
import static io.starling.it.v5.HiveClients.text;
import static io.starling.it.v5.HiveClients.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.starling.it.TestBroker;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Subscription options (MQTT 5 §3.8.3.1) and subscription identifiers (§3.8.2.1.2). */
class SubscriptionOptionsIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");
    private static Mqtt5BlockingClient publisher;

    @BeforeAll
    static void connectPublisher() {
        publisher = HiveClients.connected(broker, "so-publisher");
    }

    @AfterAll
    static void disconnectPublisher() {
        HiveClients.disconnectQuietly(publisher);
    }

    private static void publish(String topic, String payload, boolean retain) {
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(retain).payload(utf8(payload)).send();
    }

    private static void clearRetained(String topic) {
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
    }

    @Test
    void noLocalSubscriberDoesNotReceiveItsOwnMessages() {
        String topic = "so/nolocal";
        Mqtt5BlockingClient c = HiveClients.connected(broker, "so-nolocal");
        try (Mqtt5Publishes received = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).noLocal(true).send();
            c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("own")).send();
            publish(topic, "other", false);
            assertEquals("other", text(next(received)), "only the other client's message");
            assertNothingReceived(received);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void withoutNoLocalASubscriberReceivesItsOwnMessages() {
        String topic = "so/local";
        Mqtt5BlockingClient c = HiveClients.connected(broker, "so-local");
        try (Mqtt5Publishes received = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("own")).send();
            assertEquals("own", text(next(received)));
        } finally {
            c.disconnect();
        }
    }

    @Test
    void retainAsPublishedKeepsTheRetainFlagOnForwardedMessages() {
        String topic = "so/rap";
        Mqtt5BlockingClient keeps = HiveClients.connected(broker, "so-rap-keeps");
        Mqtt5BlockingClient clears = HiveClients.connected(broker, "so-rap-clears");
        try (Mqtt5Publishes keepsReceived = keeps.publishes(MqttGlobalPublishFilter.ALL);
                Mqtt5Publishes clearsReceived = clears.publishes(MqttGlobalPublishFilter.ALL)) {
            keeps.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).retainAsPublished(true).send();
            clears.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).retainAsPublished(false).send();
            publish(topic, "live-retained", true);

            Mqtt5Publish kept = next(keepsReceived);
            assertEquals("live-retained", text(kept));
            assertTrue(kept.isRetain(), "Retain As Published: RETAIN stays 1");
            Mqtt5Publish cleared = next(clearsReceived);
            assertEquals("live-retained", text(cleared));
            assertFalse(cleared.isRetain(), "default: RETAIN is 0 on a live forward");
        } finally {
            keeps.disconnect();
            clears.disconnect();
            clearRetained(topic);
        }
    }

    /** Keeps a retained message, subscribes twice with this Retain Handling, checks which subscribe sent it. */
    private static void assertRetainedDeliveries(String topic, Mqtt5RetainHandling handling, boolean onFirst,
            boolean onSecond) {
        publish(topic, "kept", true);
        Mqtt5BlockingClient c = HiveClients.connected(broker, "so-rh-" + handling.getCode());
        try (Mqtt5Publishes received = c.publishes(MqttGlobalPublishFilter.ALL)) {
            for (boolean expected : new boolean[] {onFirst, onSecond}) {
                c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).retainHandling(handling).send();
                if (expected) {
                    Mqtt5Publish p = next(received);
                    assertEquals("kept", text(p));
                    assertTrue(p.isRetain(), "a retained message sent on subscribe has RETAIN 1");
                } else {
                    assertNothingReceived(received);
                }
            }
            publish(topic, "live", false);
            assertEquals("live", text(next(received)), "the subscription itself works");
        } finally {
            c.disconnect();
            clearRetained(topic);
        }
    }

    @Test
    void retainHandlingZeroSendsRetainedMessagesOnEverySubscribe() {
        assertRetainedDeliveries("so/rh0", Mqtt5RetainHandling.SEND, true, true);
    }

    @Test
    void retainHandlingOneSendsRetainedMessagesOnlyForANewSubscription() {
        assertRetainedDeliveries("so/rh1", Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST, true, false);
    }

    @Test
    void retainHandlingTwoNeverSendsRetainedMessages() {
        assertRetainedDeliveries("so/rh2", Mqtt5RetainHandling.DO_NOT_SEND, false, false);
    }

    private static V5Props subscriptionId(int id) {
        return V5Props.none().integer(SUBSCRIPTION_IDENTIFIER, id);
    }

    @Test
    void subscriptionIdentifierIsDeliveredWithMatchingMessages() {
        try (RawMqttClient c = RawMqttClient.connectV5(broker, "so-subid", V5Props.none())) {
            c.subscribe(V5Packets.subscribe(1, "so/subid/+", MqttSubscriptionOption.onlyFromQos(MqttQoS.AT_MOST_ONCE),
                    subscriptionId(42)));
            c.subscribe(V5Packets.subscribe(2, "so/plain/+", MqttQoS.AT_MOST_ONCE));
            publish("so/subid/a", "with-id", false);
            publish("so/plain/a", "without-id", false);

            MqttPublishMessage withId = c.nextPublish();
            assertEquals("with-id", V5Packets.text(withId));
            assertEquals(List.of(42), V5Props.integers(withId.variableHeader().properties(), SUBSCRIPTION_IDENTIFIER));
            MqttPublishMessage withoutId = c.nextPublish();
            assertEquals("without-id", V5Packets.text(withoutId));
            assertEquals(List.of(), V5Props.integers(withoutId.variableHeader().properties(), SUBSCRIPTION_IDENTIFIER));
        }
    }

    @Test
    void overlappingSubscriptionsDeliverTheIdentifiersOfEveryMatchingSubscription() {
        try (RawMqttClient c = RawMqttClient.connectV5(broker, "so-overlap", V5Props.none())) {
            MqttSubscriptionOption qos0 = MqttSubscriptionOption.onlyFromQos(MqttQoS.AT_MOST_ONCE);
            c.subscribe(V5Packets.subscribe(1, "so/overlap/#", qos0, subscriptionId(1)));
            c.subscribe(V5Packets.subscribe(2, "so/overlap/+", qos0, subscriptionId(2)));
            publish("so/overlap/a", "both", false);

            // MQTT 5 §3.3.4: either ONE copy carrying both identifiers, or one copy per subscription
            // carrying its own identifier (Mosquitto does the latter)
            MqttPublishMessage first = c.nextPublish();
            assertEquals("both", V5Packets.text(first));
            Set<Integer> firstIds = new TreeSet<>(V5Props.integers(first.variableHeader().properties(),
                    SUBSCRIPTION_IDENTIFIER));
            if (firstIds.equals(Set.of(1, 2))) {
                c.assertNothingReceived();
            } else {
                assertEquals(1, firstIds.size(), "one copy per subscription, each with its identifier: " + firstIds);
                MqttPublishMessage second = c.nextPublish();
                assertEquals("both", V5Packets.text(second));
                Set<Integer> all = new TreeSet<>(firstIds);
                List<Integer> secondIds = V5Props.integers(second.variableHeader().properties(), SUBSCRIPTION_IDENTIFIER);
                assertEquals(1, secondIds.size(), "one identifier in the second copy: " + secondIds);
                all.addAll(secondIds);
                assertEquals(Set.of(1, 2), all);
                c.assertNothingReceived();
            }

            publish("so/overlap/a/b", "deep", false);
            MqttPublishMessage deep = c.nextPublish();
            assertEquals("deep", V5Packets.text(deep));
            assertEquals(List.of(1), V5Props.integers(deep.variableHeader().properties(), SUBSCRIPTION_IDENTIFIER),
                    "only the matching subscription's identifier");
        }
    }
}
