package io.starling.deliver;

import io.starling.mqtt.Message;
import io.starling.mqtt.SubscriptionOptions;
import io.starling.route.Subscription;
import java.util.Arrays;
import java.util.List;

/**
 * A message on its way to one client, after QoS downgrade and subscription options were applied.
 *
 * @param qos             QoS for this client: min(published, subscribed)
 * @param retain          RETAIN flag for this client
 * @param subscriptionIds MQTT 5 subscription identifiers of the matching subscriptions (may be empty)
 */
public record Outgoing(Message message, int qos, boolean retain, int[] subscriptionIds) {

    static final int[] NO_IDS = new int[0];

    public static Outgoing of(Message message, int qos, boolean retain) {
        return new Outgoing(message, qos, retain, NO_IDS);
    }

    /**
     * What one client gets of a routed message, given all its subscriptions that matched (MQTT 5
     * §3.3.4: one delivery, at the highest QoS of them, with all their subscription identifiers);
     * null when No Local leaves nothing to deliver.
     */
    public static Outgoing forSubscriber(Message message, List<Subscription> matched, String clientId) {
        int qos = -1;
        boolean retainAsPublished = false;
        int[] ids = null;
        int idCount = 0;
        for (Subscription subscription : matched) {
            SubscriptionOptions options = subscription.options();
            if (options.noLocal() && clientId.equals(message.publisherClientId())) {
                continue;
            }
            qos = Math.max(qos, options.qos());
            retainAsPublished |= options.retainAsPublished();
            if (options.subscriptionId() != 0) {
                if (ids == null) {
                    ids = new int[matched.size()];
                }
                ids[idCount++] = options.subscriptionId();
            }
        }
        if (qos < 0) {
            return null;
        }
        int[] subscriptionIds = ids == null ? NO_IDS : Arrays.copyOf(ids, idCount);
        return new Outgoing(message, Math.min(qos, message.qos()), retainAsPublished && message.retain(),
                subscriptionIds);
    }
}
