package io.starling.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each option line its Mosquitto 2.0 meaning in a {@link ConfigDraft}. One instance per
 * file, because per-listener options apply to the last {@code listener} of the same file — each
 * file, included ones too, starts again from Mosquitto's default listener.
 */
final class OptionApplier {

    private static final Logger LOG = LoggerFactory.getLogger("io.starling.config");

    private final ConfigDraft draft;
    private ListenerDraft current;

    OptionApplier(ConfigDraft draft) {
        this.draft = draft;
        this.current = draft.defaultListener;
    }

    void apply(ConfigLine line) throws ConfigException {
        switch (line.option()) {
            case "listener" -> listener(line);
            case "port" -> port(line);
            case "bind_address" -> bindAddress(line);
            case "max_connections" -> {
                // Mosquitto: any negative number means unlimited.
                current.maxConnections = (int) Math.max(-1, line.integer(Integer.MIN_VALUE, Integer.MAX_VALUE));
                current.touchedBy(line);
            }
            case "protocol" -> protocol(line);
            case "max_topic_alias" -> {
                current.maxTopicAlias = (int) line.integer(0, 65535);
                current.touchedBy(line);
            }
            case "use_username_as_clientid" -> {
                current.useUsernameAsClientid = line.bool();
                current.touchedBy(line);
            }
            case "cafile", "capath", "certfile", "keyfile", "crlfile", "tls_version", "ciphers", "ciphers_tls1.3",
                    "require_certificate", "use_identity_as_username", "use_subject_as_username" -> {
                current.tls.apply(line);
                current.touchedBy(line);
            }
            case "per_listener_settings" -> draft.perListenerSettings = line.bool();
            case "allow_anonymous", "password_file", "acl_file", "plugin", "plugin_opt_config_file" ->
                    // Mosquitto: the listener's own with per_listener_settings true, from that line on
                    (draft.perListenerSettings ? current.security : draft.security).apply(line);
            case "auth_failure_limit" -> draft.authFailureLimit = (int) line.limitOrZero(Integer.MAX_VALUE);
            case "message_size_limit" -> draft.messageSizeLimit = line.integer(0, BrokerConfig.MQTT_MAX_PAYLOAD);
            case "max_packet_size" -> draft.maxPacketSize = (int) line.integer(20, Integer.MAX_VALUE);
            case "max_inflight_messages" -> {
                long n = line.integer(Long.MIN_VALUE, 65535);
                // Mosquitto: negative or 65535 mean "no maximum", stored as 0.
                draft.maxInflightMessages = n < 0 || n == 65535 ? 0 : (int) n;
            }
            case "max_queued_messages" -> draft.maxQueuedMessages = (int) line.limitOrZero(Integer.MAX_VALUE);
            case "max_queued_bytes" -> draft.maxQueuedBytes = line.limitOrZero(Long.MAX_VALUE);
            case "max_keepalive" -> draft.maxKeepalive = (int) line.integer(10, 65535);
            case "clientid_prefixes" -> {
                draft.clientidPrefixes = draft.onceText(line);
                LOG.info("{}: 'clientid_prefixes' is deprecated in Mosquitto", line.where());
            }
            case "persistent_client_expiration" ->
                    draft.persistentClientExpiration = ExpirationPeriod.parse(line);
            case "retain_available" -> draft.retainAvailable = line.bool();
            case "queue_qos0_messages" -> draft.queueQos0Messages = line.bool();
            case "set_tcp_nodelay" -> draft.setTcpNodelay = line.bool();
            case "websockets_headers_size" -> draft.websocketsHeadersSize = (int) line.integer(0, 65535);
            case "persistence" -> draft.persistence = line.bool();
            case "persistence_location" -> draft.persistenceLocation = path(line, draft.onceText(line));
            case "persistence_file" -> {
                draft.onceText(line);
                LOG.warn("{}: 'persistence_file' names nothing in Starling, which keeps its data in a"
                        + " database under persistence_location; ignored", line.where());
            }
            case "autosave_interval" -> draft.autosaveInterval =
                    Duration.ofSeconds(line.limitOrZero(Integer.MAX_VALUE));
            case "autosave_on_changes" -> draft.autosaveOnChanges = line.bool();
            case "sys_interval" -> draft.sysInterval = Duration.ofSeconds(line.integer(0, 65535));
            case "log_dest" -> logDest(line);
            case "log_type" -> logType(line);
            case "log_timestamp" -> draft.logTimestamp = line.bool();
            case "log_timestamp_format" -> draft.logTimestampFormat = draft.onceText(line);
            case "connection_messages" -> draft.connectionMessages = line.bool();
            case "user" -> {
                line.wholeText();
                LOG.warn("{}: 'user' ignored: Starling does not change user; start it as the user it"
                        + " should run as", line.where());
            }
            case "pid_file" -> {
                draft.onceText(line);
                LOG.warn("{}: 'pid_file' ignored: Starling writes no pid file; its service manager"
                        + " knows the pid", line.where());
            }
            case "storage_jdbc_url", "storage_jdbc_user", "storage_jdbc_password" -> draft.storage.apply(line, draft);
            default -> unknown(line);
        }
    }

    private void unknown(ConfigLine line) throws ConfigException {
        if (!draft.cluster.apply(line, draft)) {
            throw line.error(UnsupportedOptions.contains(line.option())
                    ? "option '" + line.option() + "' is not supported by Starling"
                    : "unknown option '" + line.option() + "'");
        }
    }

    private void listener(ConfigLine line) throws ConfigException {
        line.requireValue();
        line.requireNoValue(2);
        long port = line.parseLong(line.values().get(0));
        if (port == 0) {
            throw line.error("listener port 0 (a Unix socket) is not supported by Starling");
        }
        if (port < 1 || port > 65535) {
            throw line.error("invalid listener port '" + line.values().get(0) + "': must be between 1 and 65535");
        }
        String address = line.values().size() > 1 ? resolvable(line, line.values().get(1)) : null;
        current = new ListenerDraft((int) port, address, line);
        draft.listeners.add(current);
    }

    private void port(ConfigLine line) throws ConfigException {
        int port = (int) line.integer(1, 65535);
        if (draft.defaultListener.port != 0) {
            LOG.warn("{}: default listener port specified multiple times; only the latest is used",
                    line.where());
        }
        draft.defaultListener.port = port;
        // The port line is what names the default listener in messages (e.g. a clash).
        draft.defaultListener.origin = line;
        LOG.info("{}: 'port' is deprecated in Mosquitto; prefer 'listener'", line.where());
    }

    private void bindAddress(ConfigLine line) throws ConfigException {
        // Always the default listener's, wherever the line is (Mosquitto).
        draft.defaultListener.bindAddress = resolvable(line, draft.onceText(line));
        draft.defaultListener.touchedBy(line);
        LOG.info("{}: 'bind_address' is deprecated in Mosquitto; prefer 'listener PORT ADDRESS'", line.where());
    }

    private void protocol(ConfigLine line) throws ConfigException {
        String protocol = line.single();
        switch (protocol) {
            case "mqtt" -> current.protocol = ListenerConfig.MQTT;
            case "websockets" -> current.protocol = ListenerConfig.WEBSOCKETS;
            default -> throw line.error("invalid protocol value '" + protocol + "': must be mqtt or websockets");
        }
        current.touchedBy(line);
    }

    /** Mosquitto checks that a bind address resolves before it starts; so does Starling. */
    private static String resolvable(ConfigLine line, String host) throws ConfigException {
        try {
            InetAddress.getAllByName(host);
            return host;
        } catch (UnknownHostException e) {
            throw line.error("cannot resolve " + line.option() + " address '" + host + "'");
        }
    }

    private static Path path(ConfigLine line, String value) throws ConfigException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw line.error("invalid " + line.option() + " path '" + value + "'");
        }
    }

    /** Each line adds one destination; the first line replaces the default, {@code none} clears. */
    private void logDest(ConfigLine line) throws ConfigException {
        line.requireValue();
        String dest = line.values().get(0);
        if (draft.logDest == null) {
            draft.logDest = new LinkedHashSet<>();
        }
        switch (dest) {
            case "none" -> {
                line.requireNoValue(1);
                draft.logDest.clear();
            }
            case "stdout", "stderr" -> {
                line.requireNoValue(1);
                draft.logDest.add(dest);
            }
            case "file" -> {
                if (draft.logFile != null) {
                    throw line.error("duplicate \"log_dest file\" value: only one log file is possible");
                }
                String file = line.text().substring(dest.length()).strip();
                if (file.isEmpty()) {
                    throw line.error("missing file name for \"log_dest file\"");
                }
                draft.logFile = path(line, file);
                draft.logDest.add(dest);
            }
            case "syslog", "topic", "dlt" -> throw line.error("log_dest " + dest
                    + " is not supported by Starling (use stdout, stderr or file)");
            default -> throw line.error("invalid log_dest value '" + dest + "'");
        }
    }

    /** Each line adds one type; the first line replaces the default, {@code none} clears. */
    private void logType(ConfigLine line) throws ConfigException {
        String type = line.single();
        if (draft.logTypes == null) {
            draft.logTypes = new LinkedHashSet<>();
        }
        if (type.equals("none")) {
            draft.logTypes.clear();
        } else if (type.equals("all")) {
            draft.logTypes.addAll(BrokerConfig.ALL_LOG_TYPES);
        } else if (BrokerConfig.ALL_LOG_TYPES.contains(type)) {
            draft.logTypes.add(type);
        } else {
            throw line.error("invalid log_type value '" + type + "'");
        }
    }
}
