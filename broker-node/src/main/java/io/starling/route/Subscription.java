package io.starling.route;

import io.starling.mqtt.SubscriptionOptions;
import io.starling.mqtt.TopicFilter;

/** One filter a subscriber holds, with the options it asked for. */
public record Subscription(TopicFilter filter, SubscriptionOptions options) {
}
