package io.starling.session;

import io.starling.retain.StoredMessage;

/**
 * The client's connection ended and its will waits for its MQTT 5 Will Delay Interval.
 *
 * @param expirySeconds the will's Message Expiry Interval, -1 when none
 * @param dueAtMillis   when it is to be published
 */
public record WillDelayed(StoredMessage message, long expirySeconds, long dueAtMillis) implements SessionEvent {

    static WillDelayed of(Will will, long dueAtMillis) {
        return new WillDelayed(StoredMessage.of(will.message()), will.expirySeconds(), dueAtMillis);
    }

    Will toWill() {
        return new Will(message.toMessage(), 0, expirySeconds);
    }
}
