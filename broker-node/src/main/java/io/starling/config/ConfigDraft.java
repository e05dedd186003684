package io.starling.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings while configuration files are being read, starting from Mosquitto 2.0's defaults;
 * {@link #build} turns them into a {@link BrokerConfig} once every file is read.
 */
final class ConfigDraft {

    private static final Logger LOG = LoggerFactory.getLogger("io.starling.config");

    final List<ListenerDraft> listeners = new ArrayList<>();
    final ListenerDraft defaultListener = new ListenerDraft(0, null, null);

    boolean perListenerSettings;
    /** The node's security options; with {@code per_listener_settings true}, each listener's instead. */
    final SecurityDraft security = new SecurityDraft();
    int authFailureLimit = 10;
    long messageSizeLimit = 0;
    int maxPacketSize = 0;
    int maxInflightMessages = 20;
    int maxQueuedMessages = 1000;
    long maxQueuedBytes = 0;
    int maxKeepalive = 65535;
    String clientidPrefixes;
    Duration persistentClientExpiration;
    boolean retainAvailable = true;
    boolean queueQos0Messages;
    boolean setTcpNodelay = false;
    int websocketsHeadersSize = 0;
    boolean persistence = false;
    Path persistenceLocation;
    Duration autosaveInterval = Duration.ofSeconds(1800);
    boolean autosaveOnChanges = false;
    Duration sysInterval = Duration.ofSeconds(10);
    /** Null until the first {@code log_dest} line, which replaces the default (stderr). */
    Set<String> logDest;
    Path logFile;
    /** Null until the first {@code log_type} line, which replaces the default types. */
    Set<String> logTypes;
    boolean logTimestamp = true;
    String logTimestampFormat;
    boolean connectionMessages = true;
    final StorageDraft storage = new StorageDraft();
    final ClusterDraft cluster = new ClusterDraft();

    /** Where each single-valued text option was set: Mosquitto refuses to set one twice. */
    private final Map<String, ConfigLine> textSetAt = new HashMap<>();

    /** Reads a text option that may appear only once, as Mosquitto requires. */
    String onceText(ConfigLine line) throws ConfigException {
        String value = line.wholeText();
        ConfigLine earlier = textSetAt.putIfAbsent(line.option(), line);
        if (earlier != null) {
            throw line.error("duplicate " + line.option() + " value (already set at " + earlier.where() + ")");
        }
        return value;
    }

    BrokerConfig build(CommandLine commandLine) throws ConfigException {
        List<ListenerDraft> declared = new ArrayList<>(listeners);
        if (defaultListener.differsFromDefaults()) {
            // Mosquitto appends its default listener after the explicit ones.
            declared.add(defaultListener);
            warnIfDefaultListenerIsImplicit();
        }
        rejectDuplicateListeners(declared);

        boolean localOnly = declared.isEmpty();
        // Mosquitto 2.0's man page: anonymous clients are refused unless no listener is defined
        SecurityConfig nodeSecurity = security.build(localOnly);
        List<ListenerConfig> result = new ArrayList<>();
        if (localOnly) {
            List<Integer> ports = commandLine.ports().isEmpty()
                    ? List.of(BrokerConfig.DEFAULT_PORT) : commandLine.ports();
            for (int port : ports) {
                result.add(ListenerConfig.mqtt(port, "127.0.0.1").withSecurity(nodeSecurity));
                result.add(ListenerConfig.mqtt(port, "::1").withSecurity(nodeSecurity));
            }
        } else {
            for (ListenerDraft listener : declared) {
                result.add(listener.toConfig(perListenerSettings ? listener.security.build(false) : nodeSecurity));
            }
            if (!commandLine.ports().isEmpty()) {
                LOG.warn("-p {} ignored: the configuration file defines listeners (as in Mosquitto 2.0)",
                        commandLine.ports());
            }
        }

        Set<String> types = commandLine.verbose() ? BrokerConfig.ALL_LOG_TYPES
                : Objects.requireNonNullElse(logTypes, BrokerConfig.DEFAULT_LOG_TYPES);
        List<String> dest = logDest == null ? List.of("stderr") : List.copyOf(logDest);
        // "log_dest none" after "log_dest file" turns the file off, as in Mosquitto.
        Path file = dest.contains("file") ? logFile : null;

        return new BrokerConfig(
                result,
                localOnly,
                perListenerSettings,
                nodeSecurity,
                authFailureLimit,
                messageSizeLimit,
                maxPacketSize,
                maxInflightMessages,
                maxQueuedMessages,
                maxQueuedBytes,
                maxKeepalive,
                clientidPrefixes,
                persistentClientExpiration,
                retainAvailable,
                queueQos0Messages,
                setTcpNodelay,
                websocketsHeadersSize,
                persistence,
                Objects.requireNonNullElse(persistenceLocation, Path.of(".")),
                autosaveInterval,
                autosaveOnChanges,
                sysInterval,
                dest,
                file,
                types,
                logTimestamp,
                logTimestampFormat,
                connectionMessages,
                commandLine.verbose(),
                commandLine.configFile(),
                storage.build(persistence),
                cluster.build(persistence, storage.build(persistence)));
    }

    /**
     * A per-listener option before the first {@code listener} line lands on Mosquitto's default
     * listener, which then opens port 1883 on every interface: say so, it surprises people.
     */
    private void warnIfDefaultListenerIsImplicit() {
        ConfigLine origin = defaultListener.origin;
        if (defaultListener.port == 0 && defaultListener.bindAddress == null && origin != null) {
            LOG.warn("{}: '{}' comes before any 'listener' line, so (as in Mosquitto) it configures the"
                    + " default listener, which opens port {} on all interfaces; move it after a"
                    + " 'listener' line to apply it to that listener",
                    origin.where(), origin.option(), BrokerConfig.DEFAULT_PORT);
        }
    }

    private static void rejectDuplicateListeners(List<ListenerDraft> declared) throws ConfigException {
        Set<String> seen = new LinkedHashSet<>();
        for (ListenerDraft listener : declared) {
            ListenerConfig config = listener.toConfig(null);
            String key = config.port() + " " + config.bindAddress();
            if (!seen.add(key)) {
                String address = config.bindAddress() == null ? "all interfaces" : config.bindAddress();
                throw listener.origin.error("listener on port " + config.port() + " (" + address
                        + ") is defined twice");
            }
        }
    }
}
