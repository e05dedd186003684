package io.starling.it.raw;

/**
 * The fields of a CONNECT packet written by hand, so tests can send what real client libraries
 * refuse to send (a wrong protocol level, an empty client id with a persistent session...).
 *
 * <p>{@code willTopic == null} means no will; {@code username == null} means no username.
 */
public record RawConnect(
        String protocolName,
        int protocolLevel,
        String clientId,
        boolean cleanSession,
        int keepAliveSeconds,
        String willTopic,
        byte[] willPayload,
        int willQos,
        boolean willRetain,
        String username) {

    /** An MQTT 3.1.1 CONNECT with a clean session, keepalive 60 s, no will, no username. */
    public static RawConnect mqtt311(String clientId) {
        return new RawConnect("MQTT", 4, clientId, true, 60, null, null, 0, false, null);
    }

    /** An MQTT 3.1 CONNECT ("MQIsdp", level 3). */
    public static RawConnect mqtt31(String clientId) {
        return new RawConnect("MQIsdp", 3, clientId, true, 60, null, null, 0, false, null);
    }

    public RawConnect withProtocol(String name, int level) {
        return new RawConnect(name, level, clientId, cleanSession, keepAliveSeconds,
                willTopic, willPayload, willQos, willRetain, username);
    }

    public RawConnect withCleanSession(boolean clean) {
        return new RawConnect(protocolName, protocolLevel, clientId, clean, keepAliveSeconds,
                willTopic, willPayload, willQos, willRetain, username);
    }

    public RawConnect withKeepAlive(int seconds) {
        return new RawConnect(protocolName, protocolLevel, clientId, cleanSession, seconds,
                willTopic, willPayload, willQos, willRetain, username);
    }

    public RawConnect withWill(String topic, byte[] payload, int qos, boolean retain) {
        return new RawConnect(protocolName, protocolLevel, clientId, cleanSession, keepAliveSeconds,
                topic, payload, qos, retain, username);
    }

    public RawConnect withUsername(String name) {
        return new RawConnect(protocolName, protocolLevel, clientId, cleanSession, keepAliveSeconds,
                willTopic, willPayload, willQos, willRetain, name);
    }
}
