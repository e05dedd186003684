package io.starling.config;

/**
 * One network listener, as a {@code listener port [address]} line (or Mosquitto's implicit
 * default listener) and the per-listener options that follow it.
 *
 * @param port TCP port, 1..65535
 * @param bindAddress address or host name to bind; null means all interfaces
 * @param protocol {@link #MQTT} (MQTT over TCP) or {@link #WEBSOCKETS} (MQTT over plain WebSocket)
 * @param maxConnections most clients connected through this listener at once; -1 = unlimited
 * @param useUsernameAsClientid replace each client's id by its username (clients without a
 *     username are refused as not authorised) — a per-listener option in Mosquitto
 * @param maxTopicAlias topic aliases an MQTT 5 client may register with the broker
 *     ({@code max_topic_alias}, 0..65535) [10]
 * @param security who may connect and what they may do (see {@link SecurityConfig})
 * @param tls TLS settings (a TLS listener, or WSS with {@code protocol websockets}); null = plain
 */
public record ListenerConfig(
        int port,
        String bindAddress,
        String protocol,
        int maxConnections,
        boolean useUsernameAsClientid,
        int maxTopicAlias,
        SecurityConfig security,
        TlsConfig tls) {

    public static final String MQTT = "mqtt";
    public static final String WEBSOCKETS = "websockets";

    /** Mosquitto's default {@code max_topic_alias}. */
    public static final int DEFAULT_MAX_TOPIC_ALIAS = 10;

    public ListenerConfig {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxConnections < -1) {
            throw new IllegalArgumentException("maxConnections below -1: " + maxConnections);
        }
    }

    /** A plain (non-TLS) listener. */
    public ListenerConfig(int port, String bindAddress, String protocol, int maxConnections,
            boolean useUsernameAsClientid, int maxTopicAlias, SecurityConfig security) {
        this(port, bindAddress, protocol, maxConnections, useUsernameAsClientid, maxTopicAlias, security, null);
    }

    /** A plain MQTT listener with no per-listener limits, open to anonymous clients. */
    public static ListenerConfig mqtt(int port, String bindAddress) {
        return new ListenerConfig(port, bindAddress, MQTT, -1, false, DEFAULT_MAX_TOPIC_ALIAS, SecurityConfig.open());
    }

    public ListenerConfig withSecurity(SecurityConfig newSecurity) {
        return new ListenerConfig(port, bindAddress, protocol, maxConnections, useUsernameAsClientid, maxTopicAlias,
                newSecurity, tls);
    }
}
