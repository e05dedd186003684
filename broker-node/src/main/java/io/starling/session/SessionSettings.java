package io.starling.session;

/**
 * The node-wide limits that apply to every session (from mosquitto.conf).
 *
 * @param maxInflightMessages {@code max_inflight_messages} (0 = no limit but the client's)
 * @param maxQueuedMessages   {@code max_queued_messages} (0 = no limit)
 * @param maxQueuedBytes      {@code max_queued_bytes} (0 = no limit)
 * @param messageSizeLimit    {@code message_size_limit}: largest accepted payload (0 = no limit)
 * @param retainAvailable     {@code retain_available}
 * @param queueQos0Messages   {@code queue_qos0_messages}: keep QoS 0 messages for offline clients
 * @param maxPacketSize       {@code max_packet_size}: largest packet the broker accepts (0 = no limit)
 * @param persistentClientExpiration seconds an MQTT 3 persistent session outlives its client
 *                            ({@code persistent_client_expiration}; {@link ConnectRequest#NEVER} when unset)
 */
public record SessionSettings(
        int maxInflightMessages,
        int maxQueuedMessages,
        long maxQueuedBytes,
        long messageSizeLimit,
        boolean retainAvailable,
        boolean queueQos0Messages,
        int maxPacketSize,
        long persistentClientExpiration) {

    /** The Receive Maximum the broker advertises and enforces for inbound QoS 2. */
    public int receiveMaximum() {
        return maxInflightMessages == 0 ? 65535 : Math.min(65535, maxInflightMessages);
    }
}
