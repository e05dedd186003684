package io.starling.route;

import io.starling.mqtt.Message;
import io.starling.mqtt.SubscriptionOptions;
import io.starling.mqtt.TopicFilter;
import io.starling.route.flow.Throttle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * "Who wants this topic?" The single node uses {@link io.starling.route.local.LocalRouter}; the
 * cluster adds remote nodes behind the same calls.
 *
 * <p>Contract: once {@link #subscribe} returns, every {@link #publish} that starts afterwards on
 * any thread sees the subscription (so a SUBACK sent after it is a promise kept). Calls never block.
 */
public interface Router {

    /** Adds or replaces a subscription; returns true when the subscriber did not hold this filter. */
    boolean subscribe(Subscriber subscriber, TopicFilter filter, SubscriptionOptions options);

    /** Returns true when the subscriber held this filter. */
    boolean unsubscribe(Subscriber subscriber, TopicFilter filter);

    /** Hands the message to every matching subscriber; returns how many subscribers got it. */
    default int publish(Message message) {
        return publish(message, PendingAck.NONE);
    }

    /**
     * As {@link #publish(Message)}; a subscriber that records the message durably holds {@code ack}
     * (see {@link Subscriber#deliver}) so the publisher's PUBACK/PUBREC waits for that record.
     */
    default int publish(Message message, PendingAck ack) {
        return publish(message, ack, Throttle.NONE);
    }

    /**
     * As {@link #publish(Message, PendingAck)} for a message from a client whose socket reading
     * is {@code publisher}: a congested subscriber holds it (back-pressure, see {@link Throttle}).
     */
    int publish(Message message, PendingAck ack, Throttle publisher);

    /**
     * Completes once every subscription added before the call is seen by publishers on every node;
     * a SUBACK waits for it. At once on a node on its own, where {@link #subscribe} is enough.
     */
    default CompletionStage<Void> subscriptionsVisible() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Completes once every message other nodes forwarded to this node before the call has been
     * routed here. At once on a node on its own.
     */
    default CompletionStage<Void> inFlightDelivered() {
        return CompletableFuture.completedFuture(null);
    }

    /** Number of (subscriber, filter) subscriptions held, shared ones included. */
    int subscriptionCount();
}
