package io.starling.session;

/** PUBREL arrived for the client's QoS 2 PUBLISH with this packet identifier. */
public record Qos2PublishReleased(int packetId) implements SessionEvent {
}
