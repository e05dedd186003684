package io.starling.deliver;

import io.starling.mqtt.Message;

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
}
