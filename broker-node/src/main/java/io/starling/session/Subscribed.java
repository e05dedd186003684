package io.starling.session;

import io.starling.mqtt.SubscriptionOptions;
import io.starling.mqtt.TopicFilter;
import io.starling.route.Subscription;

/** The session subscribed to {@code filter} (as the client wrote it) with these options. */
public record Subscribed(String filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling,
        int subscriptionId) implements SessionEvent {

    static Subscribed of(String filter, SubscriptionOptions o) {
        return new Subscribed(filter, o.qos(), o.noLocal(), o.retainAsPublished(), o.retainHandling(),
                o.subscriptionId());
    }

    Subscription toSubscription() {
        return new Subscription(TopicFilter.parse(filter),
                new SubscriptionOptions(qos, noLocal, retainAsPublished, retainHandling, subscriptionId));
    }
}
