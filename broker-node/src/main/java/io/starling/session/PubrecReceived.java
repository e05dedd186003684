package io.starling.session;

/** The client received the QoS 2 message with this packet identifier: only PUBREL is left to send. */
public record PubrecReceived(int packetId) implements SessionEvent {
}
