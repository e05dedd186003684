package io.starling.loadtest;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One load-generator run: connect subscribers, then publishers; publish through the warm-up and
 * the measurement window; stop; let in-transit messages arrive; count.
 */
final class LoadRun {

    /** Longest wait for all subscribers (and then all publishers) to be connected and ready. */
    static final Duration SETUP_TIMEOUT = Duration.ofSeconds(10);
    /** During the drain, stop early once no message arrived for this long: the rest is lost. */
    private static final Duration QUIET = Duration.ofSeconds(1);

    private final Options o;
    private final PrintStream out;
    private final List<SubscriberClient> subscribers = new ArrayList<>();
    private final List<PublisherClient> publishers = new ArrayList<>();

    LoadRun(Options options, PrintStream out) {
        this.o = options;
        this.out = out;
    }

    /** The longest a run can take before something is wrong, for a watchdog. */
    static Duration timeBound(Options o) {
        if (!o.scenario().carriesMessages()) {
            return ConnectRun.timeBound(o);
        }
        return SETUP_TIMEOUT.multipliedBy(2).plus(o.warmup()).plus(o.duration()).plus(o.drain()).plusSeconds(30);
    }

    RunResult run() throws RunFailure, InterruptedException {
        Transport transport = Transport.choose(o.transport());
        int runNumber = ThreadLocalRandom.current().nextInt(1 << 24);
        String runId = String.format(Locale.ROOT, "%06x", runNumber);
        // persistent sessions keep their client ids and subscriptions from run to run; the run
        // number in each payload tells this run's messages from ones left queued by an earlier run
        String idPrefix = o.cleanSession() ? "lt-" + runId : "lt-" + o.scenario().label();
        String prefix = o.cleanSession() ? "starling-lt/" + runId : "starling-lt/durable-" + o.scenario().label();
        MqttQoS qos = MqttQoS.valueOf(o.qos());
        out.printf(Locale.ROOT, "loadtest %s: scenario=%s qos=%d mqtt=%s pubs=%d subs=%d%s payload=%dB rate=%s broker=%s:%d%s"
                        + " transport=%s threads=%d%s%n",
                runId, o.scenario().label(), o.qos(), o.mqttLabel(), o.publishers(), o.subscribers(),
                o.shared() ? " (shared)" : "", o.payloadBytes(), o.rate() > 0 ? String.format(Locale.ROOT, "%.0f/s", o.rate()) : "max",
                o.host(), o.port(), o.subPort() == o.port() ? "" : " (subscribers :" + o.subPort() + ")",
                transport.name(), o.threads(),
                o.cleanSession() ? "" : " clean-session=false (client ids " + idPrefix + "-...)");

        EventLoopGroup group = transport.newGroup(o.threads());
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(transport.channelClass())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) SETUP_TIMEOUT.toMillis());

            long setupStart = System.nanoTime();
            for (int i = 0; i < o.subscribers(); i++) {
                String subscription = o.scenario().subscription(prefix, i, o.shared());
                SubscriberClient s = new SubscriberClient(settings(idPrefix + "-s" + i), runNumber, subscription, qos,
                        o.publishers());
                subscribers.add(s);
                connect(bootstrap, s, o.subPort());
            }
            awaitReady(subscribers, "subscribers", o.subPort());
            for (int i = 0; i < o.publishers(); i++) {
                SendPacer pacer = o.rate() > 0 ? SendPacer.perSecond(o.rate() / o.publishers()) : SendPacer.unlimited();
                PublisherClient p = new PublisherClient(settings(idPrefix + "-p" + i), runNumber, i,
                        o.scenario().publishTopic(prefix, i), qos, o.payloadBytes(), o.inflight(), pacer);
                publishers.add(p);
                connect(bootstrap, p, o.port());
            }
            awaitReady(publishers, "publishers", o.port());
            out.printf(Locale.ROOT, "connected %d subscribers (%s%s) and %d publishers in %.2f s; warm-up %s, measuring %s%n",
                    subscribers.size(), o.scenario().subscription(prefix, 0, o.shared()), subscribers.size() > 1 ? ", ..." : "",
                    publishers.size(), seconds(System.nanoTime() - setupStart),
                    show(o.warmup()), show(o.duration()));

            long start = System.nanoTime();
            publishers.forEach(p -> p.start(start));
            sleepUntil(start + o.warmup().toNanos());

            long windowStart = System.nanoTime();
            subscribers.forEach(s -> s.recordLatencyFrom(windowStart));
            long sentAtStart = totalSent();
            long receivedAtStart = totalReceived();
            sleepUntil(windowStart + o.duration().toNanos());
            long windowEnd = System.nanoTime();
            long sentInWindow = totalSent() - sentAtStart;
            long receivedInWindow = totalReceived() - receivedAtStart;

            for (PublisherClient p : publishers) {
                await(p.stop(), "stopping a publisher");
            }
            long drainStart = System.nanoTime();
            DrainEnd drainEnd = drain();
            double drainSeconds = seconds(System.nanoTime() - drainStart);

            double window = seconds(windowEnd - windowStart);
            return count(sentInWindow / window, receivedInWindow / window, window, drainSeconds, drainEnd);
        } finally {
            disconnectAll();
            group.shutdownGracefully(0, 2_000, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /** Says goodbye properly (DISCONNECT, so the broker logs no error) and waits, briefly, for the closes. */
    private void disconnectAll() throws InterruptedException {
        List<ChannelFuture> closes = new ArrayList<>();
        for (MqttClientHandler c : allClients()) {
            ChannelFuture close = c.disconnect();
            if (close != null) {
                closes.add(close);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (ChannelFuture close : closes) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !close.await(left, TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }

    private ClientSettings settings(String clientId) {
        return new ClientSettings(clientId, o.mqttVersion(), o.username(), o.password(), o.keepAliveSeconds(),
                o.cleanSession());
    }

    private void connect(Bootstrap bootstrap, MqttClientHandler client, int port) {
        int maxPacket = Math.max(8_092, o.payloadBytes() + 1_024);
        bootstrap.clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("decoder", new MqttDecoder(maxPacket));
                        ch.pipeline().addLast("encoder", MqttEncoder.INSTANCE);
                        ch.pipeline().addLast("client", client);
                    }
                })
                .connect(o.host(), port)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        client.connectFailed("cannot connect to " + o.host() + ":" + port + ": " + f.cause());
                    }
                });
    }

    /** Waits until every client is ready; gives up at the first failure or after {@link #SETUP_TIMEOUT}. */
    private void awaitReady(List<? extends MqttClientHandler> clients, String what, int port)
            throws RunFailure, InterruptedException {
        long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
        while (true) {
            int ready = 0;
            for (MqttClientHandler c : clients) {
                if (c.ready().isCompletedExceptionally()) {
                    throw new RunFailure("setting up " + what + " failed: " + c.failure());
                }
                if (c.ready().isDone()) {
                    ready++;
                }
            }
            if (ready == clients.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new RunFailure("only " + ready + " of " + clients.size() + " " + what
                        + " were connected and ready after " + show(SETUP_TIMEOUT) + " (is the broker at "
                        + o.host() + ":" + port + " up?)");
            }
            Thread.sleep(10);
        }
    }

    /**
     * After publishing stops, waits for the deliveries still on their way (and, at QoS 1, for the
     * last PUBACKs), at most {@code --drain}, and less once nothing arrives any more.
     */
    private DrainEnd drain() throws InterruptedException {
        long expected = expectedDeliveries(sentByPublisher());
        long deadline = System.nanoTime() + o.drain().toNanos();
        long lastCount = totalReceived();
        long lastProgress = System.nanoTime();
        while (true) {
            long received = totalReceived();
            if (received >= expected && totalInFlight() == 0) {
                return DrainEnd.COMPLETE;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return DrainEnd.TIME_LIMIT;
            }
            if (received != lastCount) {
                lastCount = received;
                lastProgress = now;
            } else if (now - lastProgress > QUIET.toNanos()) {
                return DrainEnd.QUIET;
            }
            Thread.sleep(10);
        }
    }

    private RunResult count(double sentRate, double recvRate, double measuredSeconds, double drainSeconds,
                            DrainEnd drainEnd)
            throws RunFailure, InterruptedException {
        long[] sentByPublisher = sentByPublisher();
        LatencyHistogram latency = new LatencyHistogram();
        ReceiveTally group = null;
        long foreign = 0;
        long received = 0;
        long lost = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        for (int i = 0; i < subscribers.size(); i++) {
            SubscriberSnapshot snap = await(subscribers.get(i).snapshot(), "reading a subscriber's counts");
            latency.addAll(snap.latency());
            foreign += snap.foreign();
            if (o.shared()) {
                // members of one shared subscription together should receive each message once
                if (group == null) {
                    group = snap.tally();
                } else {
                    group.addAll(snap.tally());
                }
            } else {
                ReceiveTally t = snap.tally();
                received += t.received();
                lost += t.lost(heardBy(i, sentByPublisher));
                duplicates += t.duplicates();
                outOfOrder += t.outOfOrder();
            }
        }
        if (group != null) {
            received = group.received();
            lost = group.lost(sentByPublisher);
            duplicates = group.duplicates();
            outOfOrder = group.outOfOrder();
        }
        long sent = totalSent();
        int errors = 0;
        String firstError = null;
        for (MqttClientHandler c : allClients()) {
            if (c.failure() != null) {
                errors++;
                firstError = firstError == null ? c.failure() : firstError;
            }
        }
        long strayAcks = publishers.stream().mapToLong(PublisherClient::strayAcks).sum();
        if (strayAcks > 0) {
            out.println("broker sent " + strayAcks + " PUBACKs for packet identifiers not in flight");
        }
        return new RunResult(o.scenario().label(), o.qos(), o.mqttLabel(), o.publishers(), o.subscribers(),
                o.shared(), o.payloadBytes(), sent, expectedDeliveries(sentByPublisher), received, lost, duplicates,
                outOfOrder, foreign, sentRate, recvRate, measuredSeconds, drainSeconds, drainEnd,
                latency.percentile(0.50), latency.percentile(0.99), latency.percentile(0.999), latency.max(),
                o.cleanSession(), errors, firstError);
    }

    private long[] sentByPublisher() {
        long[] sent = new long[publishers.size()];
        for (PublisherClient p : publishers) {
            sent[p.publisherId()] = p.sent();
        }
        return sent;
    }

    /** What subscriber {@code i} should have received: the counts of the publishers its filter matches, 0 for others. */
    private long[] heardBy(int subscriberIndex, long[] sentByPublisher) {
        long[] heard = new long[sentByPublisher.length];
        for (int p = 0; p < heard.length; p++) {
            heard[p] = o.scenario().hears(subscriberIndex, p) ? sentByPublisher[p] : 0;
        }
        return heard;
    }

    /** Deliveries that should happen: each subscriber gets what it hears; a shared group gets everything once. */
    private long expectedDeliveries(long[] sentByPublisher) {
        if (o.shared()) {
            return Arrays.stream(sentByPublisher).sum();
        }
        long expected = 0;
        for (int i = 0; i < subscribers.size(); i++) {
            expected += Arrays.stream(heardBy(i, sentByPublisher)).sum();
        }
        return expected;
    }

    private List<MqttClientHandler> allClients() {
        List<MqttClientHandler> all = new ArrayList<>(subscribers);
        all.addAll(publishers);
        return all;
    }

    private long totalSent() {
        return publishers.stream().mapToLong(PublisherClient::sent).sum();
    }

    private long totalReceived() {
        return subscribers.stream().mapToLong(SubscriberClient::received).sum();
    }

    private long totalInFlight() {
        return publishers.stream().mapToLong(PublisherClient::inFlight).sum();
    }

    private static <T> T await(io.netty.util.concurrent.Future<T> f, String what) throws RunFailure, InterruptedException {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new RunFailure(what + " failed: " + e);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000L));
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String show(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
