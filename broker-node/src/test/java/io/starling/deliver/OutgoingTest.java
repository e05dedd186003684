package io.starling.deliver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.mqtt.Message;
import io.starling.mqtt.MessageProperties;
import io.starling.mqtt.SubscriptionOptions;
import io.starling.mqtt.TopicFilter;
import io.starling.route.Subscription;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One delivery per client, however many of its subscriptions match (MQTT 5 §3.3.4). */
class OutgoingTest {

    private static Subscription subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished, int id) {
        return new Subscription(TopicFilter.parse(filter), new SubscriptionOptions(qos, noLocal, retainAsPublished, 0, id));
    }

    private static Message message(int qos, boolean retain, String publisher) {
        return new Message("a/b", qos, retain, new byte[] {1}, MessageProperties.NONE, 0, publisher);
    }

    @Test
    void overlappingSubscriptionsGiveOneDeliveryAtTheHighestQosWithEveryIdentifier() {
        Outgoing out = Outgoing.forSubscriber(message(2, false, "p"),
                List.of(subscription("a/+", 0, false, false, 3), subscription("a/#", 1, false, false, 7)), "c");
        assertEquals(1, out.qos());
        assertArrayEquals(new int[] {3, 7}, out.subscriptionIds());
    }

    @Test
    void deliveredQosIsNeverAbovePublishedQos() {
        Outgoing out = Outgoing.forSubscriber(message(0, false, "p"), List.of(subscription("a/b", 2, false, false, 0)), "c");
        assertEquals(0, out.qos());
        assertArrayEquals(new int[0], out.subscriptionIds());
    }

    @Test
    void noLocalSkipsTheClientsOwnMessages() {
        List<Subscription> matched = List.of(subscription("a/b", 1, true, false, 0));
        assertNull(Outgoing.forSubscriber(message(1, false, "c"), matched, "c"));
        assertEquals(1, Outgoing.forSubscriber(message(1, false, "other"), matched, "c").qos());
    }

    @Test
    void retainFlagIsKeptOnlyWithRetainAsPublished() {
        assertTrue(Outgoing.forSubscriber(message(1, true, "p"), List.of(subscription("a/b", 1, false, true, 0)), "c").retain());
        assertFalse(Outgoing.forSubscriber(message(1, true, "p"), List.of(subscription("a/b", 1, false, false, 0)), "c").retain());
    }
}
