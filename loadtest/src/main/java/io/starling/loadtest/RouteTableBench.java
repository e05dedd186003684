package io.starling.loadtest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.starling.route.cluster.RouteChange;
import io.starling.route.cluster.RouteReplicator;
import io.starling.route.cluster.RouteView;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * How the cluster route table grows with the number of subscriptions, in one JVM: route
 * replicators of three "nodes" in one actor system, wired by hand as ClusterMembership wires them,
 * with a {@link WireRelay} (serialize and deserialize, as between JVMs) in place of the network.
 *
 * <p>For each size N: node A gets N distinct filters ({@link RouteFilters}) as route changes while
 * peer B is connected; then C joins late and receives A's partition as a snapshot in chunks; then
 * publishers' look-ups in C's view are timed. It prints a RESULT line per N (see
 * {@link RouteTableResult}); docs/benchmarks.md, "Cluster", says what the numbers mean.
 *
 * <pre>java -Xmx4g -cp broker-node/target/starling.jar:loadtest/target/classes \
 *     io.starling.loadtest.RouteTableBench --routes 10000,100000,1000000</pre>
 * (loadtest/route-table-bench does that.) Bounded: each wait has a time limit.
 */
public final class RouteTableBench {

    static final String USAGE = String.join("\n",
            "usage: route-table-bench [--routes N,N,...] [--batch B] [--lookup-time T] [--timeout T]",
            "  --routes LIST      table sizes to measure, each in a fresh actor system (default 10000,100000,1000000)",
            "  --batch B          route changes told to node A at a time, at most two batches awaiting replication",
            "                     (default 4000; 0 = all at once, which crashes the peer's replicator when more than",
            "                     10 000 changes pile up between two flushes: see docs/benchmarks.md, Cluster)",
            "  --lookup-time T    how long to time view look-ups per size (default 2s)",
            "  --timeout T        longest wait for replication or a late join (default 300s)");

    private RouteTableBench() {
    }

    /** The parsed command line. */
    record Settings(List<Integer> routes, int batch, Duration lookupTime, Duration timeout) {

        static Settings parse(String... args) {
            List<Integer> routes = List.of(10_000, 100_000, 1_000_000);
            Duration lookupTime = Duration.ofSeconds(2);
            Duration timeout = Duration.ofSeconds(300);
            int batch = 4_000;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--routes":
                        routes = sizes(value);
                        break;
                    case "--batch":
                        try {
                            batch = Integer.parseInt(value.trim());
                        } catch (NumberFormatException e) {
                            batch = -1;
                        }
                        if (batch < 0) {
                            throw new IllegalArgumentException("--batch must be a whole number >= 0, got '" + value + "'");
                        }
                        break;
                    case "--lookup-time":
                        lookupTime = Options.parseDuration(value);
                        break;
                    case "--timeout":
                        timeout = Options.parseDuration(value);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option '" + name + "'");
                }
            }
            if (timeout.isZero()) {
                throw new IllegalArgumentException("--timeout must be above 0");
            }
            return new Settings(routes, batch, lookupTime, timeout);
        }

        private static List<Integer> sizes(String text) {
            List<Integer> sizes = new ArrayList<>();
            for (String part : text.split(",")) {
                String t = part.trim().toLowerCase(Locale.ROOT).replace("_", "");
                int factor = 1;
                if (t.endsWith("k")) {
                    factor = 1_000;
                    t = t.substring(0, t.length() - 1);
                } else if (t.endsWith("m")) {
                    factor = 1_000_000;
                    t = t.substring(0, t.length() - 1);
                }
                long n;
                try {
                    n = Long.parseLong(t) * factor;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--routes takes sizes like 10000,100k,1m; got '" + part + "'");
                }
                if (n < 1 || n > 10_000_000) {
                    throw new IllegalArgumentException("--routes: each size must be 1..10000000, got " + n);
                }
                sizes.add((int) n);
            }
            return List.copyOf(sizes);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("route-table-bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.out.printf(Locale.ROOT, "route-table-bench: sizes %s, max heap %d MiB, %d CPUs%n", settings.routes(),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        for (int routes : settings.routes()) {
            RouteTableResult result = measure(routes, settings);
            System.out.println(result.summaryLine());
            System.out.flush();
        }
        System.exit(0);
    }

    /** One node's replicator and the view of the other nodes' routes it fills. */
    private record Node(String name, ActorRef<RouteReplicator.Command> replicator, RouteView view) {
    }

    static RouteTableResult measure(int routes, Settings settings) throws Exception {
        Config config = ConfigFactory.parseString(String.join("\n",
                        // as node/cluster.conf binds them: what crosses the relay is serialized like between JVMs
                        "pekko.actor.serialization-bindings { \"io.starling.route.cluster.ClusterMessage\" = jackson-cbor }",
                        "pekko.loglevel = WARNING"))
                .withFallback(ConfigFactory.load());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "route-bench", config);
        try {
            return measure(system, routes, settings);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static RouteTableResult measure(ActorSystem<Void> system, int routes, Settings settings) throws Exception {
        long timeoutMillis = settings.timeout().toMillis();
        Node a = start(system, "a");
        Node b = start(system, "b");
        WireRelay.Traffic aToB = new WireRelay.Traffic();
        connect(system, a, b, aToB);
        awaitSynced(a, timeoutMillis);
        awaitSynced(b, timeoutMillis);
        long heapBefore = usedHeapAfterGc();

        // 1. N changes on A while B is connected: the delta path. In batches, at most two of them
        // awaiting replication, so that no more than 2 x batch changes pile up in A's mailbox.
        long start = System.nanoTime();
        int batch = settings.batch() == 0 ? routes : settings.batch();
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        for (int from = 0; from < routes; from += batch) {
            int to = Math.min(routes, from + batch);
            for (int i = from; i < to; i++) {
                a.replicator().tell(new RouteReplicator.Changed(i + 1, new RouteChange(true, RouteFilters.filter(i))));
            }
            CompletableFuture<Void> replicated = new CompletableFuture<>();
            a.replicator().tell(new RouteReplicator.AwaitReplicated(to, replicated));
            previous.get(timeoutMillis, TimeUnit.MILLISECONDS);
            previous = replicated;
        }
        previous.get(timeoutMillis, TimeUnit.MILLISECONDS);
        double replicateSeconds = (System.nanoTime() - start) / 1e9;
        check(b, routes);
        long heapReplicated = usedHeapAfterGc();

        // 2. C joins late: A's whole partition comes as a snapshot in chunks
        Node c = start(system, "c");
        WireRelay.Traffic aToC = new WireRelay.Traffic();
        connect(system, a, c, aToC);
        connect(system, b, c, new WireRelay.Traffic());
        long joinStart = System.nanoTime();
        awaitSynced(c, timeoutMillis);
        double lateJoinSeconds = (System.nanoTime() - joinStart) / 1e9;
        check(c, routes);
        long heapJoined = usedHeapAfterGc();

        // 3. what a publish pays: look-ups in C's view of N routes (after a warm-up for the JIT)
        lookupsPerSecond(c.view(), routes, settings.lookupTime(), true);
        lookupsPerSecond(c.view(), routes, settings.lookupTime(), false);
        double lookups = lookupsPerSecond(c.view(), routes, settings.lookupTime(), true);
        double misses = lookupsPerSecond(c.view(), routes, settings.lookupTime(), false);

        // C's growth is one peer's copy of A's routes; B has another, so A's own is what remains
        long peerHeap = heapJoined - heapReplicated;
        long ownHeap = (heapReplicated - heapBefore) - peerHeap;
        return new RouteTableResult(routes, replicateSeconds, aToB.deltas.get(), aToB.largestDelta.get(),
                aToB.overFrame.get() + aToC.overFrame.get(), aToB.bytes.get(), lateJoinSeconds, aToC.chunks.get(),
                peerHeap, ownHeap, lookups, misses);
    }

    private static Node start(ActorSystem<Void> system, String name) {
        RouteView view = new RouteView();
        return new Node(name, system.systemActorOf(RouteReplicator.create(name, view), "replicator-" + name,
                Props.empty()), view);
    }

    /**
     * Makes {@code older} and {@code newer} peers, each reaching the other through a relay. The older
     * node hears of the newer one first, so its first messages to it (a Delta or a snapshot)
     * already go through the relay.
     */
    private static void connect(ActorSystem<Void> system, Node older, Node newer, WireRelay.Traffic olderToNewer) {
        ActorRef<RouteReplicator.Command> toNewer = system.systemActorOf(
                WireRelay.create(newer.replicator(), olderToNewer), "wire-" + older.name() + "-" + newer.name(),
                Props.empty());
        ActorRef<RouteReplicator.Command> toOlder = system.systemActorOf(
                WireRelay.create(older.replicator(), new WireRelay.Traffic()),
                "wire-" + newer.name() + "-" + older.name(), Props.empty());
        older.replicator().tell(new RouteReplicator.PeerUp(newer.name(), toNewer));
        newer.replicator().tell(new RouteReplicator.PeerUp(older.name(), toOlder));
    }

    private static void awaitSynced(Node node, long timeoutMillis) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        node.replicator().tell(new RouteReplicator.AwaitSynced(done));
        done.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private static void check(Node node, int routes) {
        if (node.view().size() != routes) {
            throw new IllegalStateException("node " + node.name() + " has " + node.view().size() + " routes, expected "
                    + routes);
        }
    }

    /**
     * Times {@code matchNodes} + {@code matchShared} (what a publish asks the view) over 4096
     * topics spread over the table, for {@code time}; each hit topic matches exactly one route.
     */
    static double lookupsPerSecond(RouteView view, int routes, Duration time, boolean hits) {
        String[] topics = new String[4096];
        for (int i = 0; i < topics.length; i++) {
            int index = (int) ((long) i * 2_654_435_761L % routes);
            topics[i] = hits ? RouteFilters.matchingTopic(index) : RouteFilters.unmatchedTopic(index);
        }
        long[] found = {0};
        Consumer<String> directCounter = node -> found[0]++;
        RouteView.SharedVisitor sharedCounter = (filter, group, node) -> found[0]++;
        long deadline = System.nanoTime() + time.toNanos();
        long calls = 0;
        long start = System.nanoTime();
        // bounded by time and, should the clock misbehave, by a count
        while (System.nanoTime() < deadline && calls < 2_000_000_000L) {
            for (String topic : topics) {
                view.matchNodes(topic, directCounter);
                view.matchShared(topic, sharedCounter);
            }
            calls += topics.length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long expected = hits ? calls : 0;
        if (found[0] != expected) {
            throw new IllegalStateException("look-ups found " + found[0] + " routes, expected " + expected);
        }
        return calls / seconds;
    }

    /** Heap in use after full collections: the smallest of a few readings, so late garbage does not count. */
    static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc(); // a full collection, done when it returns (no ExplicitGCInvokesConcurrent)
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
