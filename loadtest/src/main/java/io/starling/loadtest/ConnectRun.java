package io.starling.loadtest;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connect scenario: opens {@code --connections} idle MQTT connections, paced by a
 * {@link ConnectPacer}, holds them for {@code --hold} (keep-alive pings only), and reads the
 * broker's resident memory before and while holding them.
 */
final class ConnectRun {

    /** A connection whose CONNACK has not come this long after TCP connected counts as failed. */
    static final Duration CONNACK_TIMEOUT = Duration.ofSeconds(10);
    /** Opening gives up when it cannot keep at least this many connects per second on average. */
    private static final int SLOWEST_CONNECTS_PER_SECOND = 100;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final Options o;
    private final PrintStream out;
    private final List<IdleClient> clients = new ArrayList<>();

    ConnectRun(Options options, PrintStream out) {
        this.o = options;
        this.out = out;
    }

    /** The longest opening may take: generous, but bounded. */
    static Duration openBound(Options o) {
        return CONNACK_TIMEOUT.plusSeconds(20).plusMillis(1_000L * o.connections() / SLOWEST_CONNECTS_PER_SECOND);
    }

    /** The longest a connect run can take before something is wrong, for a watchdog. */
    static Duration timeBound(Options o) {
        return openBound(o).plus(o.hold()).plus(closeBound(o)).plusSeconds(30);
    }

    private static Duration closeBound(Options o) {
        return Duration.ofSeconds(3).plusMillis(o.connections() / 5);
    }

    ConnectResult run() throws InterruptedException {
        Transport transport = Transport.choose(o.transport());
        String runId = String.format(Locale.ROOT, "%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        out.printf(Locale.ROOT, "loadtest %s: scenario=connect connections=%d hold=%.1f s mqtt=%s broker=%s:%d sources=%s"
                        + " window=%d rate=%s transport=%s threads=%d%n",
                runId, o.connections(), o.hold().toMillis() / 1000.0, o.mqttLabel(), o.host(), o.port(),
                o.sourceAddresses().label(), o.connectWindow(),
                o.connectRate() > 0 ? String.format(Locale.ROOT, "%.0f/s", o.connectRate()) : "unlimited",
                transport.name(), o.threads());
        long rssBefore = o.brokerPid() > 0 ? BrokerMemory.rssKib(o.brokerPid()) : -1;
        if (o.brokerPid() > 0 && rssBefore < 0) {
            out.println("cannot read /proc/" + o.brokerPid() + "/status: no broker memory figures");
        }

        EventLoopGroup group = transport.newGroup(o.threads());
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(transport.channelClass())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNACK_TIMEOUT.toMillis())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            // replaced per connection below; present so clone() has a handler
                        }
                    });

            ConnectPacer pacer = new ConnectPacer(o.connectWindow(), o.connectRate());
            AtomicInteger connected = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicLong lastSettled = new AtomicLong();
            long start = System.nanoTime();
            long deadline = start + openBound(o).toNanos();
            long nextProgress = start + PROGRESS_EVERY.toNanos();
            pacer.start(start);
            for (int i = 0; i < o.connections(); i++) {
                if (!pacer.awaitTurn(deadline)) {
                    out.printf(Locale.ROOT, "gave up opening after %s: %d started%n", show(openBound(o)), i);
                    break;
                }
                IdleClient client = new IdleClient(new ClientSettings("lt-" + runId + "-c" + i, o.mqttVersion(),
                        o.username(), o.password(), o.keepAliveSeconds(), true));
                clients.add(client);
                client.ready().whenComplete((ok, error) -> {
                    (error == null ? connected : failed).incrementAndGet();
                    lastSettled.accumulateAndGet(System.nanoTime(), Math::max);
                    pacer.finished();
                });
                connect(bootstrap, client, o.sourceAddresses().forConnection(i));
                long now = System.nanoTime();
                if (now >= nextProgress) {
                    out.printf(Locale.ROOT, "  %.1f s: %d started, %d connected, %d failed%n",
                            (now - start) / 1e9, i + 1, connected.get(), failed.get());
                    nextProgress = now + PROGRESS_EVERY.toNanos();
                }
            }
            pacer.awaitSettled(deadline);
            double openSeconds = (Math.max(lastSettled.get(), start) - start) / 1e9;
            out.printf(Locale.ROOT, "opened: %d connected, %d failed in %.2f s; holding %s%n",
                    connected.get(), failed.get(), openSeconds, show(o.hold()));

            long holdStart = System.nanoTime();
            if (connected.get() > 0) {
                sleepUntil(holdStart + o.hold().toNanos());
            }
            // read at the end of the hold: the broker has had time to settle what each connection costs
            long rssHeld = o.brokerPid() > 0 ? BrokerMemory.rssKib(o.brokerPid()) : -1;
            double holdSeconds = (System.nanoTime() - holdStart) / 1e9;

            int dropped = 0;
            String firstError = null;
            for (IdleClient c : clients) {
                if (c.failure() != null) {
                    firstError = firstError == null ? c.failure() : firstError;
                    if (c.ready().isDone() && !c.ready().isCompletedExceptionally()) {
                        dropped++;
                    }
                }
            }
            return new ConnectResult(o.connections(), connected.get(), failed.get(), dropped, openSeconds, holdSeconds,
                    rssBefore, rssHeld, o.sourceAddresses().label(), o.mqttLabel(), firstError);
        } finally {
            disconnectAll();
            group.shutdownGracefully(0, 2_000, TimeUnit.MILLISECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private void connect(Bootstrap bootstrap, IdleClient client, String sourceAddress) {
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast("decoder", new MqttDecoder(8_192));
                ch.pipeline().addLast("encoder", MqttEncoder.INSTANCE);
                ch.pipeline().addLast("client", client);
            }
        });
        InetSocketAddress remote = new InetSocketAddress(o.host(), o.port());
        ChannelFuture f = sourceAddress == null ? b.connect(remote) : b.connect(remote, new InetSocketAddress(sourceAddress, 0));
        f.addListener((ChannelFuture done) -> {
            if (done.isSuccess()) {
                done.channel().eventLoop().schedule(
                        () -> client.failUnlessReady("no CONNACK within " + show(CONNACK_TIMEOUT)),
                        CONNACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                client.connectFailed("cannot connect to " + remote + (sourceAddress == null ? "" : " from " + sourceAddress)
                        + ": " + done.cause());
            }
        });
    }

    /** DISCONNECT to all, then a bounded wait for the broker to close them. */
    private void disconnectAll() throws InterruptedException {
        List<ChannelFuture> closes = new ArrayList<>();
        for (IdleClient c : clients) {
            ChannelFuture close = c.disconnect();
            if (close != null) {
                closes.add(close);
            }
        }
        long deadline = System.nanoTime() + closeBound(o).toNanos();
        for (ChannelFuture close : closes) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !close.await(left, TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000L));
        }
    }

    private static String show(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
