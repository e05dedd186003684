package io.starling.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The typed settings of one Starling node, read from a mosquitto.conf-syntax file and the command
 * line by {@link ConfigParser}. Every value means what the same option means in Mosquitto 2.0;
 * defaults (in brackets) are Mosquitto's. See docs/configuration.md.
 *
 * @param listeners where clients connect; never empty. Explicit {@code listener} lines in file
 *     order, then Mosquitto's default listener if {@code port}, {@code bind_address} or a
 *     per-listener option before the first {@code listener} line called it into being
 * @param localOnly true when no listener was configured, so the listeners are the loopback ones
 *     (127.0.0.1 and ::1) Mosquitto 2.0 opens by itself; like Mosquitto, a node may then skip an
 *     address family the machine lacks (e.g. ::1 without IPv6) as long as one listener opens
 * @param perListenerSettings {@code per_listener_settings}: each listener has its own security
 *     options [false]
 * @param security the node's security options; each listener's own are in
 *     {@link ListenerConfig#security()} (the same unless {@code per_listener_settings} is true)
 * @param authFailureLimit {@code auth_failure_limit}: CONNECTs refused for a bad username or
 *     password from one client address within a minute before further CONNECTs from that address
 *     are refused unchecked until the minute is over [10; 0 = no limit] (Starling's own option)
 * @param messageSizeLimit largest accepted PUBLISH payload in bytes [0 = only MQTT's 268435455]
 * @param maxPacketSize largest accepted packet in bytes, told to MQTT 5 clients [0 = none]
 * @param maxInflightMessages outgoing QoS 1/2 messages in flight per client [20; 0 = unlimited]
 * @param maxQueuedMessages QoS 1/2 messages queued per client beyond those in flight
 *     [1000; 0 = unlimited]
 * @param maxQueuedBytes bytes queued per client beyond those in flight [0 = unlimited]
 * @param maxKeepalive largest keepalive an MQTT 5 client may use, 10..65535 [65535]
 * @param clientidPrefixes only client ids starting with this may connect [null = any]
 * @param persistentClientExpiration persistent sessions not resumed within this are removed
 *     [null = never]
 * @param retainAvailable retained messages are supported [true]
 * @param queueQos0Messages QoS 0 messages are queued for offline persistent clients [false]
 * @param setTcpNodelay disable Nagle's algorithm on client sockets [false]
 * @param websocketsHeadersSize most bytes of HTTP headers in a WebSocket upgrade request
 *     [0 = Starling's default, {@code Listeners}' 8 KiB; Mosquitto's is 1024]
 * @param persistence keep sessions, retained and queued messages on disk [false]
 * @param persistenceLocation directory for persistent data [current directory]
 * @param autosaveInterval Mosquitto's period between database saves [1800s; 0 = only at exit]
 * @param autosaveOnChanges Mosquitto counts changes instead of seconds for autosave [false]
 * @param sysInterval period of $SYS updates [10s; 0 = no $SYS topics]
 * @param logDest {@code stdout}, {@code stderr}, {@code file} [stderr; empty = no logging]
 * @param logFile the file of {@code log_dest file PATH}, or null
 * @param logTypes enabled log types among {@link #ALL_LOG_TYPES} [error, warning, notice,
 *     information; all with -v]
 * @param logTimestamp prefix log lines with a timestamp [true]
 * @param logTimestampFormat strftime-style timestamp format [null = seconds since the epoch]
 * @param connectionMessages log client connections and disconnections [true]
 * @param verbose {@code -v} was given
 * @param configFile the file given with {@code -c}, or null
 * @param storage the database for {@code persistence true} [the H2 file under persistence_location]
 * @param cluster how this node joins a cluster; null for a node on its own
 */
public record BrokerConfig(
        List<ListenerConfig> listeners,
        boolean localOnly,
        boolean perListenerSettings,
        SecurityConfig security,
        int authFailureLimit,
        long messageSizeLimit,
        int maxPacketSize,
        int maxInflightMessages,
        int maxQueuedMessages,
        long maxQueuedBytes,
        int maxKeepalive,
        String clientidPrefixes,
        Duration persistentClientExpiration,
        boolean retainAvailable,
        boolean queueQos0Messages,
        boolean setTcpNodelay,
        int websocketsHeadersSize,
        boolean persistence,
        Path persistenceLocation,
        Duration autosaveInterval,
        boolean autosaveOnChanges,
        Duration sysInterval,
        List<String> logDest,
        Path logFile,
        Set<String> logTypes,
        boolean logTimestamp,
        String logTimestampFormat,
        boolean connectionMessages,
        boolean verbose,
        Path configFile,
        StorageConfig storage,
        ClusterConfig cluster) {

    /** MQTT's own limit on a payload, and the largest {@code message_size_limit}. */
    public static final long MQTT_MAX_PAYLOAD = 268_435_455L;

    /** The port of Mosquitto's default listener. */
    public static final int DEFAULT_PORT = 1883;

    /** Every log type {@code log_type all} (or {@code -v}) turns on. */
    public static final Set<String> ALL_LOG_TYPES = Set.of(
            "debug", "error", "warning", "notice", "information", "subscribe", "unsubscribe", "websockets");

    /** The log types on when no {@code log_type} line is given. */
    public static final Set<String> DEFAULT_LOG_TYPES = Set.of("error", "warning", "notice", "information");

    public BrokerConfig {
        listeners = List.copyOf(listeners);
        logDest = List.copyOf(logDest);
        logTypes = Set.copyOf(logTypes);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("a broker needs at least one listener");
        }
    }

    /**
     * What Mosquitto 2.0 runs with no configuration file and no flags: anonymous clients on port
     * 1883 of the loopback interfaces (127.0.0.1 and ::1) only, every other option at its default.
     */
    public static BrokerConfig defaults() {
        try {
            return ConfigParser.parse(List.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("the defaults cannot be wrong", e);
        }
    }
}
