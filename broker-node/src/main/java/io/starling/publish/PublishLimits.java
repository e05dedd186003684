package io.starling.publish;

/**
 * The node's rules for inbound PUBLISH packets.
 *
 * @param messageSizeLimit  largest accepted payload, 0 = no limit ({@code message_size_limit})
 * @param retainAvailable   {@code retain_available}
 * @param receiveMaximum    QoS 2 messages a client may have awaiting PUBREL
 */
public record PublishLimits(long messageSizeLimit, boolean retainAvailable, int receiveMaximum) {
}
