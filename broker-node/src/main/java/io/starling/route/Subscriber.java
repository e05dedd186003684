package io.starling.route;

import io.starling.mqtt.Message;
import io.starling.route.flow.Throttle;
import java.util.List;

/**
 * A receiver of routed messages: in practice a session. The router calls {@link #deliver} on the
 * publisher's thread, so an implementation only enqueues (tells its actor) and never blocks.
 */
public interface Subscriber {

    String clientId();

    /**
     * @param message the message as published
     * @param matched every subscription of this subscriber that matched the topic (overlapping
     *                filters give several; MQTT 5 §3.3.4 wants one delivery at the highest QoS
     *                carrying all their subscription identifiers)
     * @param ack     the publisher's acknowledgement: a subscriber that will record the message
     *                durably calls {@link PendingAck#expect()} here, on the publisher's thread, and
     *                {@link PendingAck#done()} once recorded; others ignore it
     * @param publisher the publishing client's throttle: a subscriber too far behind holds it
     *                until it has caught up ({@link Throttle#NONE} for wills and $SYS)
     */
    void deliver(Message message, List<Subscription> matched, PendingAck ack, Throttle publisher);
}
