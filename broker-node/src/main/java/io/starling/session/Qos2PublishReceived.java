package io.starling.session;

/** The client's QoS 2 PUBLISH with this packet identifier was routed; PUBREL is awaited. */
public record Qos2PublishReceived(int packetId) implements SessionEvent {
}
