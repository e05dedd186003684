package io.starling.config;

/**
 * A listener while its file is being read: per-listener options ({@code max_connections},
 * {@code protocol}, {@code use_username_as_clientid}, the TLS options) change the listener most recently declared
 * in the same file, or Mosquitto's default listener before any {@code listener} line.
 */
final class ListenerDraft {

    /** 0 until set: the default listener then takes {@link BrokerConfig#DEFAULT_PORT}. */
    int port;
    String bindAddress;
    String protocol = ListenerConfig.MQTT;
    int maxConnections = -1;
    boolean useUsernameAsClientid;
    int maxTopicAlias = ListenerConfig.DEFAULT_MAX_TOPIC_ALIAS;
    /** Its security options, used with {@code per_listener_settings true}. */
    final SecurityDraft security = new SecurityDraft();
    final TlsDraft tls = new TlsDraft();

    /**
     * The line that declared it; for the default listener, its {@code port} line, else the first
     * line that changed it.
     */
    ConfigLine origin;

    ListenerDraft(int port, String bindAddress, ConfigLine origin) {
        this.port = port;
        this.bindAddress = bindAddress;
        this.origin = origin;
    }

    /**
     * Whether this, as Mosquitto's default listener, must be opened: Mosquitto 2.0 opens it when
     * any of its settings differs from the built-in ones, not only when {@code port} is given.
     */
    boolean differsFromDefaults() {
        return port != 0
                || bindAddress != null
                || !ListenerConfig.MQTT.equals(protocol)
                || maxConnections != -1
                || useUsernameAsClientid
                || maxTopicAlias != ListenerConfig.DEFAULT_MAX_TOPIC_ALIAS
                || !tls.isEmpty();
    }

    /** Remembers the first line that touched the default listener, for messages. */
    void touchedBy(ConfigLine line) {
        if (origin == null) {
            origin = line;
        }
    }

    ListenerConfig toConfig(SecurityConfig security) throws ConfigException {
        int effectivePort = port == 0 ? BrokerConfig.DEFAULT_PORT : port;
        return new ListenerConfig(effectivePort, bindAddress, protocol,
                maxConnections, useUsernameAsClientid, maxTopicAlias, security, tls.build(effectivePort));
    }
}
