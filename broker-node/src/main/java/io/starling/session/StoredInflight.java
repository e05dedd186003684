package io.starling.session;

/**
 * An in-flight message as a snapshot stores it.
 *
 * @param pubrecReceived QoS 2: the client sent PUBREC, the broker awaits PUBCOMP
 */
public record StoredInflight(int packetId, MessageQueued message, boolean pubrecReceived) {
}
