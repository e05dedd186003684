package io.starling.it.cluster;

import io.starling.it.LoopbackPorts;
import io.starling.it.NodeProcess;
import io.starling.it.PostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A cluster of Starling nodes, each in a JVM of its own on 127.0.0.1, for every test of a class:
 * {@code @RegisterExtension static final LocalCluster cluster = LocalCluster.of(3, "");}.
 * Node 1 is the seed node; the nodes start together and the fixture waits until each listens
 * (a node listens only once it is a member that knows the others' routes).
 *
 * <p>The nodes share a fresh PostgreSQL database (see {@link PostgresDatabase}), as a cluster must.
 *
 * <p>Failure detection is shortened (2 s heartbeat pause, 3 s for the split-brain resolver) so
 * that tests of a lost node do not wait for the production defaults.
 */
public final class LocalCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final int size;
    private final String extraConfig;
    private NodeSetup setup = (node, nodeDir) -> { };
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<Integer> clusterPorts = new ArrayList<>();
    private Path dir;
    private PostgresDatabase database;

    private LocalCluster(int size, String extraConfig) {
        this.size = size;
        this.extraConfig = extraConfig;
    }

    /**
     * @param extraConfig mosquitto.conf lines for every node; {@value #NODE_DIR} in them stands for
     *                    the node's own directory (for files each node has a copy of)
     */
    public static LocalCluster of(int size, String extraConfig) {
        return new LocalCluster(size, extraConfig);
    }

    /** In {@code extraConfig}: the node's own directory. */
    public static final String NODE_DIR = "{node_dir}";

    /** Prepares a node's directory (e.g. the files its config names) before the node first starts. */
    @FunctionalInterface
    public interface NodeSetup {
        void prepare(int node, Path nodeDir) throws Exception;
    }

    /** Runs {@code setup} for each node before it first starts. */
    public LocalCluster beforeEachNodeStarts(NodeSetup setup) {
        this.setup = setup;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public void start() {
        try {
            dir = Files.createTempDirectory("starling-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = PostgresDatabase.create();
        for (int i = 0; i < size; i++) {
            clusterPorts.add(LoopbackPorts.free());
        }
        for (int i = 1; i <= size; i++) {
            Path nodeDir = dir.resolve("node-" + i);
            try {
                Files.createDirectories(nodeDir);
                setup.prepare(i, nodeDir);
            } catch (Exception e) {
                throw new IllegalStateException("cannot prepare node " + i + ": " + e.getMessage(), e);
            }
            nodes.add(NodeProcess.startInBackground(nodeDir, config(i)));
        }
        nodes.forEach(NodeProcess::awaitListening);
    }

    private String config(int node) {
        return "cluster_name it\n"
                + "cluster_node_address " + NodeProcess.HOST + ":" + clusterPorts.get(node - 1) + "\n"
                + "cluster_seed_nodes " + NodeProcess.HOST + ":" + clusterPorts.get(0) + "\n"
                + "cluster_failure_detector_pause 2\n"
                + "cluster_split_brain_stable_after 3\n"
                + "persistence true\n"
                + "persistence_location " + dir.resolve("node-" + node).resolve("data") + "/\n"
                + database.nodeConfig()
                + extraConfig.replace(NODE_DIR, dir.resolve("node-" + node).toString()) + "\n";
    }

    /** Stops every node (SIGTERM), then starts them all again and waits until each listens. */
    public void restartAll() {
        nodes.forEach(NodeProcess::stop);
        nodes.forEach(NodeProcess::restartInBackground);
        nodes.forEach(NodeProcess::awaitListening);
    }

    /** Node {@code n}, counted from 1. */
    public NodeProcess node(int n) {
        return nodes.get(n - 1);
    }

    /** The MQTT port of node {@code n}. */
    public int port(int n) {
        return node(n).port();
    }

    /** The cluster name of node {@code n} ("127.0.0.1:port"), as $SYS and the logs show it. */
    public String nodeName(int n) {
        return NodeProcess.HOST + ":" + clusterPorts.get(n - 1);
    }

    public int size() {
        return size;
    }

    @Override
    public void close() {
        nodes.forEach(NodeProcess::close);
        if (database != null) {
            database.close();
        }
        if (dir == null || System.getenv("STARLING_KEEP_CLUSTER_LOGS") != null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
