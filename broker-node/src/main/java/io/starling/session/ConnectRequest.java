package io.starling.session;

/**
 * A CONNECT that passed validation, as the session needs it.
 *
 * @param protocolLevel          3 (MQTT 3.1), 4 (3.1.1) or 5
 * @param assignedClientId       the broker chose the id (empty id in the CONNECT)
 * @param keepAlive              keep alive in seconds after the broker's limit (0 = none)
 * @param keepAliveChanged       the broker lowered it: MQTT 5 sends Server Keep Alive
 * @param sessionExpirySeconds   0 = session ends with the connection, {@link #NEVER} = never expires
 * @param receiveMaximum         the client's Receive Maximum (65535 when absent)
 * @param maximumPacketSize      the client's Maximum Packet Size (0 = no limit)
 * @param topicAliasMaximum      aliases the client accepts from the broker
 * @param brokerTopicAliasMaximum aliases the broker accepts from the client (the listener's {@code max_topic_alias})
 * @param will                   null when the CONNECT had no will
 */
public record ConnectRequest(
        int protocolLevel,
        String clientId,
        boolean assignedClientId,
        boolean cleanStart,
        int keepAlive,
        boolean keepAliveChanged,
        String username,
        long sessionExpirySeconds,
        int receiveMaximum,
        long maximumPacketSize,
        int topicAliasMaximum,
        int brokerTopicAliasMaximum,
        boolean requestResponseInformation,
        Will will) {

    public static final long NEVER = 0xFFFFFFFFL;
}
