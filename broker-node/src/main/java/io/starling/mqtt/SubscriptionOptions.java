package io.starling.mqtt;

/**
 * What a client asked for when it subscribed to one filter (MQTT 5 §3.8.3.1; MQTT 3 has only QoS).
 *
 * @param qos               maximum QoS to deliver with
 * @param noLocal           do not send the client its own publications
 * @param retainAsPublished keep the publisher's RETAIN flag on live deliveries
 * @param retainHandling    0 = send retained on subscribe, 1 = only if the subscription is new, 2 = never
 * @param subscriptionId    MQTT 5 subscription identifier, 0 when none
 */
public record SubscriptionOptions(
        int qos, boolean noLocal, boolean retainAsPublished, int retainHandling, int subscriptionId) {

    public static SubscriptionOptions qos(int qos) {
        return new SubscriptionOptions(qos, false, false, 0, 0);
    }
}
