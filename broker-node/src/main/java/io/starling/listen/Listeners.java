package io.starling.listen;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.starling.auth.ListenerSecurity;
import io.starling.config.ConfigException;
import io.starling.connect.AuthFailureLimiter;
import io.starling.connect.ConnectValidator;
import io.starling.mqtt.ReasonCodes;
import io.starling.session.SessionRegistry;
import io.starling.sys.Metrics;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's MQTT listeners (mosquitto.conf {@code listener} lines), MQTT or MQTT over
 * WebSocket, each plain or over TLS, and their client channels.
 */
public final class Listeners implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);
    /** A connection must send CONNECT within this time (Mosquitto uses a similar grace period). */
    private static final int CONNECT_TIMEOUT_SECONDS = 20;
    /** MQTT's own upper bound on a packet. */
    private static final int MQTT_MAX_PACKET = 268_435_455;
    private static final AdaptiveRecvByteBufAllocator RECEIVE_BUFFERS = new AdaptiveRecvByteBufAllocator();

    /**
     * One listener's settings.
     *
     * @param host           address to bind; null = every interface
     * @param maxConnections -1 = no limit
     * @param webSockets     MQTT over WebSocket ({@code protocol websockets}) instead of plain MQTT
     * @param tls            the listener's TLS (TLS, or WSS with webSockets); null = none
     */
    public record Spec(String host, int port, int maxConnections, boolean webSockets, ServerTls tls) {

        /** A listener without TLS. */
        public Spec(String host, int port, int maxConnections, boolean webSockets) {
            this(host, port, maxConnections, webSockets, null);
        }

        /** A plain MQTT listener. */
        public Spec(String host, int port, int maxConnections) {
            this(host, port, maxConnections, false, null);
        }
    }

    /**
     * @param maxPacketSize          largest packet accepted from a client, 0 = MQTT's maximum
     * @param tcpNoDelay             {@code set_tcp_nodelay}
     * @param webSocketsHeadersSize  {@code websockets_headers_size}: most header bytes of an
     *                               upgrade request, 0 = the default
     * @param authFailureLimit       {@code auth_failure_limit}, 0 = none (see {@link AuthFailureLimiter})
     */
    public record Options(int maxPacketSize, boolean tcpNoDelay, int webSocketsHeadersSize, int authFailureLimit) {
    }

    private final Transport transport = new Transport();
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<Channel> servers = new ArrayList<>();
    private final List<ServerTls> tlsListeners = new CopyOnWriteArrayList<>();
    private final SessionRegistry registry;
    private final Metrics metrics;
    private final Options options;
    private final TrafficCounter traffic;
    private final AuthFailureLimiter authFailures;

    public Listeners(SessionRegistry registry, Metrics metrics, Options options) {
        this.authFailures = new AuthFailureLimiter(options.authFailureLimit());
        this.registry = registry;
        this.metrics = metrics;
        this.options = options;
        this.traffic = new TrafficCounter(metrics);
    }

    /**
     * Binds one listener whose clients are checked by the validator; throws if the address cannot
     * be bound. Returns the bound address.
     */
    public InetSocketAddress bind(Spec spec, ConnectValidator validator, ListenerSecurity security)
            throws InterruptedException {
        AtomicInteger connections = new AtomicInteger();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.acceptors, transport.workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, options.tcpNoDelay())
                // one allocator for every client (it makes a small handle per channel), not one each
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_BUFFERS)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (spec.maxConnections() >= 0 && connections.incrementAndGet() > spec.maxConnections()) {
                            connections.decrementAndGet();
                            log.info("Refused connection from {}: max_connections reached.", channel.remoteAddress());
                            channel.close();
                            return;
                        }
                        if (spec.maxConnections() >= 0) {
                            channel.closeFuture().addListener(f -> connections.decrementAndGet());
                        }
                        clients.add(channel);
                        addMqttHandlers(channel.pipeline(), validator, security,
                                spec.tls() == null ? null : spec.tls().identity());
                        if (spec.webSockets()) {
                            WebSocketPipeline.addFirst(channel.pipeline(),
                                    options.webSocketsHeadersSize(), maxPacketSize());
                        }
                        if (spec.tls() != null) {
                            // TLS first: everything behind it, WebSocket included, sees plain bytes
                            channel.pipeline()
                                    .addFirst(PipelineNames.TLS_FAILURES, TlsFailures.INSTANCE)
                                    .addFirst(PipelineNames.TLS, spec.tls().newHandler(channel.alloc()));
                        }
                    }
                });
        InetSocketAddress address = spec.host() == null
                ? new InetSocketAddress(spec.port())
                : new InetSocketAddress(spec.host(), spec.port());
        Channel server = bootstrap.bind(address).sync().channel();
        servers.add(server);
        if (spec.tls() != null) {
            tlsListeners.add(spec.tls());
        }
        InetSocketAddress bound = (InetSocketAddress) server.localAddress();
        if (spec.webSockets()) {
            log.info("Opening websockets listen socket on port {} ({}{}).", bound.getPort(), transport.name(),
                    spec.tls() == null ? "" : ", TLS");
        } else {
            log.info("Opening ipv{} listen socket on port {} ({}{}).",
                    bound.getAddress() instanceof java.net.Inet6Address ? 6 : 4, bound.getPort(), transport.name(),
                    spec.tls() == null ? "" : ", TLS");
        }
        return bound;
    }

    /**
     * Re-reads the files of every TLS listener (certificates, keys, CA files, CRLs); new connections
     * use them, established ones keep their TLS session. A listener whose files fail keeps its
     * current ones.
     *
     * @return one error per failing listener, naming the file's mosquitto.conf line; empty if all
     *     were reloaded
     */
    public List<ConfigException> reloadTls() {
        List<ConfigException> errors = new ArrayList<>();
        for (ServerTls tls : tlsListeners) {
            try {
                tls.reload();
            } catch (ConfigException e) {
                log.warn("TLS files not reloaded, keeping the current ones: {}", e.getMessage());
                errors.add(e);
            }
        }
        return errors;
    }

    /** The MQTT handlers, the same for every transport: they see MQTT bytes, however they came. */
    private void addMqttHandlers(ChannelPipeline pipeline, ConnectValidator validator, ListenerSecurity security,
            CertificateIdentity identity) {
        int maxPacket = maxPacketSize();
        PacketFramer.DecodedCount decoded = new PacketFramer.DecodedCount();
        pipeline.addLast(PipelineNames.TRAFFIC, traffic)
                .addLast(PipelineNames.FLUSH, new FlushConsolidationHandler(256, true))
                .addLast(PipelineNames.IDLE, new IdleStateHandler(CONNECT_TIMEOUT_SECONDS, 0, 0, TimeUnit.SECONDS))
                .addLast(PipelineNames.FRAMER, new PacketFramer(maxPacket, decoded))
                .addLast(PipelineNames.DECODER, new MqttDecoder(maxPacket, 65535))
                .addLast(PipelineNames.ENCODER, MqttEncoder.INSTANCE)
                .addLast(PipelineNames.MQTT, new ClientChannelHandler(
                        validator, security, authFailures, registry, metrics, decoded, identity));
    }

    private int maxPacketSize() {
        return options.maxPacketSize() > 0 ? options.maxPacketSize() : MQTT_MAX_PACKET;
    }

    /**
     * Disconnects the connected clients with these usernames (and the anonymous ones, if asked), as
     * Mosquitto's dynamic security does when their rights change: MQTT 5 clients are told
     * "administrative action". They may connect again, under the new rules.
     */
    public void kick(Set<String> usernames, boolean anonymous) {
        for (Channel client : clients) {
            if (client.attr(ClientChannelHandler.PROTOCOL_LEVEL).get() == null) {
                continue; // not connected yet: its CONNECT is checked under the new rules
            }
            String username = client.attr(ClientChannelHandler.USERNAME).get();
            if (username == null ? anonymous : usernames.contains(username)) {
                log.info("Client {} ({}) disconnected: its dynamic security changed.", client.remoteAddress(),
                        username);
                int level = client.attr(ClientChannelHandler.PROTOCOL_LEVEL).get();
                if (level == 5) {
                    client.writeAndFlush(NettyConnection.disconnectPacket(ReasonCodes.ADMINISTRATIVE_ACTION, null))
                            .addListener(ChannelFutureListener.CLOSE);
                } else {
                    client.close();
                }
            }
        }
    }

    /** Stops accepting, tells MQTT 5 clients the server is shutting down and closes every connection. */
    @Override
    public void close() {
        for (Channel server : servers) {
            server.close().syncUninterruptibly();
        }
        for (Channel client : clients) {
            Integer level = client.attr(ClientChannelHandler.PROTOCOL_LEVEL).get();
            if (level != null && level == 5) {
                client.writeAndFlush(NettyConnection.disconnectPacket(ReasonCodes.SERVER_SHUTTING_DOWN, null));
            }
        }
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        transport.shutdown();
    }
}
