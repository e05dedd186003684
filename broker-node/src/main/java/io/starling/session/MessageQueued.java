package io.starling.session;

import io.starling.deliver.Outgoing;
import io.starling.retain.StoredMessage;

/**
 * A QoS 1/2 message entered the session's outbound queue, at the end.
 *
 * @param qos             QoS towards this client (after downgrade)
 * @param retain          RETAIN flag towards this client
 * @param subscriptionIds MQTT 5 subscription identifiers it carries
 */
public record MessageQueued(StoredMessage message, int qos, boolean retain, int[] subscriptionIds)
        implements SessionEvent {

    static MessageQueued of(Outgoing outgoing) {
        return new MessageQueued(StoredMessage.of(outgoing.message()), outgoing.qos(), outgoing.retain(),
                outgoing.subscriptionIds());
    }

    Outgoing toOutgoing() {
        return new Outgoing(message.toMessage().withRetain(retain), qos, retain,
                subscriptionIds == null ? new int[0] : subscriptionIds);
    }
}
