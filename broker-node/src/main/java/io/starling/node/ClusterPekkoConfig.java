package io.starling.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.starling.config.ClusterConfig;
import java.util.List;

/**
 * The Pekko settings of a clustered node, from its {@code cluster_*} options: Artery TCP on
 * {@code cluster_node_address}, the seed nodes, and the split-brain resolver (so that a network
 * partition ends with one side down, never with two sides that both own the same client ids).
 */
final class ClusterPekkoConfig {

    private ClusterPekkoConfig() {
    }

    static Config of(ClusterConfig cluster) {
        List<String> seeds = cluster.seedNodes().stream()
                .map(seed -> "pekko://" + cluster.name() + "@" + seed)
                .toList();
        return ConfigFactory.parseResources(ClusterPekkoConfig.class, "cluster.conf")
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(cluster.host()))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(cluster.port()))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
                .withValue("pekko.cluster.failure-detector.acceptable-heartbeat-pause",
                        ConfigValueFactory.fromAnyRef(cluster.failureDetectorPause().toMillis() + "ms"))
                .withValue("pekko.cluster.split-brain-resolver.stable-after",
                        ConfigValueFactory.fromAnyRef(cluster.stableAfter().toMillis() + "ms"))
                .withValue("pekko.cluster.split-brain-resolver.active-strategy",
                        ConfigValueFactory.fromAnyRef(cluster.strategy()));
    }
}
