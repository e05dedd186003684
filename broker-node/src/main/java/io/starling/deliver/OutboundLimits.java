package io.starling.deliver;

/**
 * Limits on one session's outbound path, from the node configuration and the client's CONNECT.
 *
 * @param sendWindow          how many QoS 1/2 messages may await acknowledgement at once: the lower
 *                            of {@code max_inflight_messages} and the client's Receive Maximum
 * @param maxQueuedMessages   messages held beyond the window ({@code max_queued_messages}); 0 = no limit
 * @param maxQueuedBytes      bytes held beyond the window ({@code max_queued_bytes}); 0 = no limit
 * @param maxPacketSize       the client's Maximum Packet Size; 0 = no limit
 * @param topicAliasMaximum   how many topic aliases the client accepts from us (MQTT 5)
 * @param queueQos0Offline    keep QoS 0 messages while the client is away ({@code queue_qos0_messages})
 */
public record OutboundLimits(
        int sendWindow,
        int maxQueuedMessages,
        long maxQueuedBytes,
        long maxPacketSize,
        int topicAliasMaximum,
        boolean queueQos0Offline) {
}
