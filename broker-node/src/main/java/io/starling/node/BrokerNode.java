package io.starling.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.starling.auth.NodeSecurity;
import io.starling.auth.dynsec.DynamicSecurity;
import io.starling.auth.dynsec.DynsecCommands;
import io.starling.auth.dynsec.DynsecEndpoint;
import io.starling.auth.dynsec.cluster.DynsecReplication;
import io.starling.auth.SecurityFileException;
import io.starling.config.BrokerConfig;
import io.starling.config.ClusterConfig;
import io.starling.config.ConfigException;
import io.starling.config.ConfigParser;
import io.starling.config.ListenerConfig;
import io.starling.connect.ConnectPolicy;
import io.starling.connect.ConnectValidator;
import io.starling.listen.Listeners;
import io.starling.publish.ControlEndpoints;
import io.starling.listen.ServerTls;
import io.starling.retain.RetainedJournal;
import io.starling.retain.RetainedMessages;
import io.starling.route.Router;
import io.starling.route.cluster.ClusterRouter;
import io.starling.route.flow.StallWatch;
import io.starling.route.local.LocalRouter;
import io.starling.session.ConnectRequest;
import io.starling.session.SessionRecovery;
import io.starling.session.SessionRegistry;
import io.starling.session.SessionServices;
import io.starling.session.owner.SessionAdoption;
import io.starling.session.SessionSettings;
import io.starling.sys.ClusterSys;
import io.starling.sys.Metrics;
import io.starling.sys.SysPublisher;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running broker node. Everything is wired here, by hand, in the order a message travels:
 * metrics, router, retained store, sessions, listeners, $SYS.
 */
public final class BrokerNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerNode.class);

    /** How long start-up may take to read the durable state back. */
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(5);
    /** How often held publishers are checked for a subscriber that stopped making progress. */
    private static final Duration STALL_CHECK = Duration.ofSeconds(1);
    /** A subscriber that sends nothing for this many checks no longer holds its publishers. */
    private static final int STALL_CHECKS = 5;
    /** How long {@code starling-ctrl reload} waits for each node of a cluster. */
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);
    /** How long a clean stop waits for changes still being recorded. */
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    private final ActorSystem system;
    private final Listeners listeners;
    private final SysPublisher sys;
    private final List<InetSocketAddress> boundAddresses;
    private final Metrics metrics;
    private final SessionRegistry registry;
    private final RetainedMessages retained;
    private final NodeSecurity security;
    private volatile boolean closing;

    private BrokerNode(ActorSystem system, Listeners listeners, SysPublisher sys,
            List<InetSocketAddress> boundAddresses, Metrics metrics, SessionRegistry registry,
            RetainedMessages retained, NodeSecurity security) {
        this.security = security;
        this.system = system;
        this.listeners = listeners;
        this.sys = sys;
        this.boundAddresses = boundAddresses;
        this.metrics = metrics;
        this.registry = registry;
        this.retained = retained;
    }

    public static BrokerNode startFromConfigFile(Path configFile) {
        try {
            return start(ConfigParser.parse(configFile));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Starts a node; throws if a listener cannot be bound (the node is then stopped again). */
    public static BrokerNode start(BrokerConfig config) {
        log.info("Starling {} starting.", Version.VERSION);
        // TLS files are read first: a bad one stops start-up before anything else runs
        Map<ListenerConfig, ServerTls> tls = loadTls(config);
        NodeSecurity security = security(config);
        Storage storage = Storage.of(config);
        storage.prepare();
        ClusterConfig cluster = config.cluster();
        ActorSystem system = ActorSystem.create(cluster == null ? "starling" : cluster.name(),
                pekkoConfig(storage, cluster));
        Metrics metrics = new Metrics();
        Router router;
        ClusterWiring.Joined joined = null;
        try {
            if (cluster == null) {
                router = new LocalRouter();
            } else {
                joined = ClusterWiring.join(system, cluster, metrics);
                router = joined.router();
            }
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
        RetainedMessages retained;
        try {
            retained = joined == null ? retainedMessages(system, storage, config)
                    : RetainedMessages.replicated(Adapter.toTyped(system),
                            ClusterSharding.get(Adapter.toTyped(system)), config.cluster().nodeAddress(),
                            RECOVERY_TIMEOUT);
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
        ControlEndpoints.Endpoint dynsecEndpoint;
        try {
            dynsecEndpoint = dynsecEndpoint(system, security, joined != null);
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
        SessionSettings settings = sessionSettings(config);
        ControlEndpoints control = new ControlEndpoints();
        StallWatch stallWatch = new StallWatch(STALL_CHECKS);
        system.scheduler().scheduleWithFixedDelay(STALL_CHECK, STALL_CHECK, stallWatch::check, system.dispatcher());
        SessionServices services =
                new SessionServices(router, retained, control, settings, metrics, storage.isDurable(), stallWatch);
        SessionRegistry registry;
        if (joined == null) {
            registry = new SessionRegistry(system, services);
        } else {
            registry = new SessionRegistry(system, services, joined.ownership());
            joined.ownership().serve(Adapter.toTyped(system), registry);
            // the first node of a starting cluster brings back the sessions recorded before, and
            // the oldest node those of a node the cluster loses
            SessionAdoption.atStart(Adapter.toTyped(system), registry, joined.ownership());
            Adapter.spawn(system, SessionAdoption.create(cluster.nodeAddress(), registry, joined.ownership(),
                    router), "session-adoption");
        }
        if (storage.isDurable() && cluster == null) {
            try {
                SessionRecovery.recover(Adapter.toTyped(system), registry, RECOVERY_TIMEOUT);
            } catch (RuntimeException e) {
                system.terminate();
                throw e;
            }
        }
        Listeners listeners = new Listeners(registry, metrics,
                new Listeners.Options(config.maxPacketSize(), config.setTcpNodelay(), config.websocketsHeadersSize(),
                        config.authFailureLimit()));
        registerControl(control, system, config, security, listeners, dynsecEndpoint);
        List<InetSocketAddress> bound = new ArrayList<>();
        try {
            for (ListenerConfig listener : config.listeners()) {
                ConnectValidator validator = new ConnectValidator(connectPolicy(config, listener));
                Listeners.Spec spec =
                        new Listeners.Spec(listener.bindAddress(), listener.port(), listener.maxConnections(),
                                ListenerConfig.WEBSOCKETS.equals(listener.protocol()), tls.get(listener));
                try {
                    bound.add(listeners.bind(spec, validator, security.of(listener.security())));
                } catch (Exception e) {
                    if (!(config.localOnly() && "::1".equals(listener.bindAddress()))) {
                        throw e;
                    }
                    // as Mosquitto: a machine without IPv6 still gets the local-only IPv4 listener
                    log.warn("Cannot listen on [::1]:{} ({}); continuing with IPv4 only.",
                            listener.port(), e.getMessage());
                }
            }
        } catch (Exception e) {
            listeners.close();
            system.terminate();
            throw new IllegalStateException("cannot open listener: " + e.getMessage(), e);
        }
        SysPublisher sys = startSys(system, config, metrics, router, retained);
        return new BrokerNode(system, listeners, sys, List.copyOf(bound), metrics, registry, retained, security);
    }

    /**
     * The node's {@code $CONTROL} APIs, in place before any listener opens: a request that came
     * earlier would be dropped, as a $CONTROL publish without an API is.
     */
    private static void registerControl(ControlEndpoints control, ActorSystem system, BrokerConfig config,
            NodeSecurity security, Listeners listeners, ControlEndpoints.Endpoint dynsecEndpoint) {
        Supplier<List<String>> reload = () -> reload(security, listeners);
        if (config.cluster() == null) {
            control.register(ReloadEndpoint.TOPIC,
                    new ReloadEndpoint(() -> CompletableFuture.completedFuture(reload.get())));
        } else {
            // starling-ctrl reload through any node reloads every node
            Adapter.spawn(system, ClusterReload.reloader(config.cluster().nodeAddress(), reload), "reloader");
            control.register(ReloadEndpoint.TOPIC,
                    new ReloadEndpoint(() -> ClusterReload.everywhere(Adapter.toTyped(system), RELOAD_TIMEOUT)));
        }
        for (DynamicSecurity dynsec : security.dynamicSecurity()) {
            dynsec.kickWith(kicks -> listeners.kick(kicks.usernames(), kicks.anonymous()));
        }
        if (dynsecEndpoint != null) {
            control.register(DynsecCommands.TOPIC, dynsecEndpoint);
        }
    }

    /**
     * The node's {@code $CONTROL/dynamic-security/v1} endpoint (null without dynamic security): on
     * a node of its own the node's file is changed directly; in a cluster every change goes through
     * the cluster's one copy, and this call waits until the node is in step with it.
     */
    private static ControlEndpoints.Endpoint dynsecEndpoint(ActorSystem system, NodeSecurity security,
            boolean clustered) {
        DynamicSecurity dynsec = security.dynamicSecurity().stream().findFirst().orElse(null);
        if (dynsec == null) {
            return null;
        }
        return clustered ? DynsecReplication.start(Adapter.toTyped(system),
                ClusterSharding.get(Adapter.toTyped(system)), dynsec, RECOVERY_TIMEOUT)
                : new DynsecEndpoint(dynsec);
    }

    /** Every listener's password and ACL files, read before anything starts: a bad one stops the node. */
    private static NodeSecurity security(BrokerConfig config) {
        NodeSecurity security;
        try {
            security = NodeSecurity.load(config.listeners().stream().map(ListenerConfig::security).toList());
        } catch (SecurityFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (security.dynamicSecurity().size() > 1) {
            // one $CONTROL/dynamic-security/v1 topic cannot serve two files
            throw new IllegalArgumentException("dynamic security: every listener must use the same"
                    + " plugin_opt_config_file (Starling serves one per node)");
        }
        return security;
    }

    /**
     * Reads the password, ACL and TLS files again (SIGHUP, {@code starling-ctrl reload});
     * connected clients stay, and the new rules apply to their next operations. Returns what was
     * refused, each as {@code file:line: reason}; empty when everything was applied. Refused
     * password and ACL files keep all the old ones; a refused TLS file keeps its listener's.
     */
    public List<String> reload() {
        return reload(security, listeners);
    }

    private static List<String> reload(NodeSecurity security, Listeners listeners) {
        List<String> refused = new ArrayList<>();
        SecurityFileException securityRefused = security.reload();
        if (securityRefused != null) {
            refused.add(securityRefused.getMessage());
        }
        for (ConfigException tls : listeners.reloadTls()) {
            refused.add(tls.getMessage());
        }
        return refused;
    }

    /**
     * Each TLS listener's context, read from its files.
     *
     * @throws IllegalArgumentException wrapping the {@link ConfigException} (file:line: reason) of a bad file
     */
    private static Map<ListenerConfig, ServerTls> loadTls(BrokerConfig config) {
        Map<ListenerConfig, ServerTls> tls = new IdentityHashMap<>();
        for (ListenerConfig listener : config.listeners()) {
            if (listener.tls() != null) {
                try {
                    tls.put(listener, ServerTls.load(listener.tls()));
                } catch (ConfigException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
        }
        return tls;
    }

    /**
     * Re-reads every TLS listener's certificate, key, CA and CRL files for new connections (for
     * SIGHUP); a listener whose files fail keeps its current ones.
     *
     * @return the errors, each naming its file's mosquitto.conf line; empty when all were reloaded
     */
    /** $SYS describes this node: in a cluster it goes to this node's subscribers only. */
    private static SysPublisher startSys(ActorSystem system, BrokerConfig config, Metrics metrics, Router router,
            RetainedMessages retained) {
        if (router instanceof ClusterRouter clustered) {
            ClusterSys clusterSys =
                    new ClusterSys(Adapter.toTyped(system), config.cluster().name(), clustered, metrics);
            return SysPublisher.start(system, config.sysInterval(), metrics, clustered.local(), retained, clusterSys);
        }
        return SysPublisher.start(system, config.sysInterval(), metrics, router, retained, null);
    }

    /** The addresses the listeners are bound to, in configuration order. */
    public List<InetSocketAddress> boundAddresses() {
        return boundAddresses;
    }

    public Metrics metrics() {
        return metrics;
    }

    public int sessionCount() {
        return registry.size();
    }

    /** Stops listening, disconnects every client (wills are published per spec), stops the actors. */
    @Override
    public void close() {
        closing = true;
        log.info("Starling shutting down.");
        sys.stop();
        listeners.close();
        // the sessions handle their connections' ends (wills, last journal events) before the
        // actors stop; retained wills are flushed after that
        if (!registry.awaitSessionsSettled(FLUSH_TIMEOUT)) {
            log.warn("Sessions not settled after {}: wills or session changes may be lost.", FLUSH_TIMEOUT);
        }
        if (!retained.flush(FLUSH_TIMEOUT)) {
            log.warn("Retained message changes still unrecorded after {}; the last ones may be lost.", FLUSH_TIMEOUT);
        }
        // the persistence plugins close the database when the actor system has terminated
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Actor system did not stop in time: {}", e.toString());
        }
    }

    /** Durable retained messages are read back here, before any listener opens. */
    private static RetainedMessages retainedMessages(ActorSystem system, Storage storage, BrokerConfig config) {
        if (!storage.isDurable()) {
            return RetainedMessages.inMemory();
        }
        return RetainedMessages.durable(Adapter.toTyped(system),
                new RetainedJournal.Autosave(config.autosaveInterval().toSeconds(), config.autosaveOnChanges()),
                RECOVERY_TIMEOUT);
    }

    private static SessionSettings sessionSettings(BrokerConfig config) {
        return new SessionSettings(
                config.maxInflightMessages(),
                config.maxQueuedMessages(),
                config.maxQueuedBytes(),
                config.messageSizeLimit(),
                config.retainAvailable(),
                config.queueQos0Messages(),
                config.maxPacketSize(),
                persistentClientExpiration(config));
    }

    private static ConnectPolicy connectPolicy(BrokerConfig config, ListenerConfig listener) {
        return new ConnectPolicy(
                config.maxKeepalive(),
                config.clientidPrefixes(),
                listener.useUsernameAsClientid(),
                persistentClientExpiration(config),
                listener.maxTopicAlias());
    }

    private static long persistentClientExpiration(BrokerConfig config) {
        Duration expiration = config.persistentClientExpiration();
        return expiration == null ? ConnectRequest.NEVER : Math.min(ConnectRequest.NEVER - 1, expiration.toSeconds());
    }

    /** Runs {@code action} if the node stops by itself (a cluster downed it), not through {@link #close()}. */
    public void onUnexpectedStop(Runnable action) {
        system.getWhenTerminated().thenRun(() -> {
            if (!closing) {
                action.run();
            }
        });
    }

    private static Config pekkoConfig(Storage storage, ClusterConfig cluster) {
        return ConfigFactory.parseString("""
                pekko {
                  loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
                  logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
                  loglevel = "INFO"
                  stdout-loglevel = "OFF"
                  log-dead-letters = off
                  log-dead-letters-during-shutdown = off
                  jvm-shutdown-hooks = off
                  coordinated-shutdown.run-by-jvm-shutdown-hook = off
                  # as many session threads as cores (Pekko's default is at least 8); with one
                  # Netty event loop per core too, a 2-core machine ran fan-in QoS 1 at 98k instead
                  # of 75k msg/s and QoS 0 at 20k msg/s with a p99 of 2.6 instead of 3.8 ms
                  actor.default-dispatcher.fork-join-executor {
                    parallelism-min = 2
                    parallelism-factor = 1.0
                  }
                }
                """).withFallback(cluster == null ? ConfigFactory.empty() : ClusterPekkoConfig.of(cluster))
                .withFallback(storage.pekkoConfig()).withFallback(ConfigFactory.load());
    }
}
