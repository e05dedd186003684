package io.starling.session;

/** The in-flight message with this packet identifier is done (PUBACK, PUBCOMP, or a failed PUBREC). */
public record MessageAcknowledged(int packetId) implements SessionEvent {
}
