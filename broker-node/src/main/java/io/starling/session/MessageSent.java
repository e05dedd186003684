package io.starling.session;

/** The oldest queued QoS 1/2 message was sent with this packet identifier and awaits its ack. */
public record MessageSent(int packetId) implements SessionEvent {
}
