package io.starling.config;

import java.time.Duration;
import java.util.List;

/**
 * How this node joins a Pekko cluster; present only when {@code cluster_node_address} is set.
 * See docs/configuration.md, "Cluster".
 *
 * @param name           {@code cluster_name}: every node of one cluster has the same [starling]
 * @param host           the address other nodes reach this node at (from {@code cluster_node_address})
 * @param port           the cluster transport's TCP port (from {@code cluster_node_address})
 * @param seedNodes      {@code cluster_seed_nodes}: "host:port" of the nodes a starting node contacts
 *                       to join, in the same order on every node; the first one may start the
 *                       cluster alone [this node only]
 * @param failureDetectorPause {@code cluster_failure_detector_pause}: heartbeats may stay away this
 *                       long before a node counts as unreachable [3 s]
 * @param stableAfter    {@code cluster_split_brain_stable_after}: how long reachability must stay
 *                       unchanged before the split-brain resolver downs the unreachable side [20 s]
 * @param strategy       {@code cluster_split_brain_strategy}: {@code keep-majority},
 *                       {@code keep-oldest} or {@code down-all} [keep-majority]
 */
public record ClusterConfig(
        String name,
        String host,
        int port,
        List<String> seedNodes,
        Duration failureDetectorPause,
        Duration stableAfter,
        String strategy) {

    public static final List<String> STRATEGIES = List.of("keep-majority", "keep-oldest", "down-all");

    public ClusterConfig {
        seedNodes = List.copyOf(seedNodes);
    }

    /** This node's own "host:port". */
    public String nodeAddress() {
        return host + ":" + port;
    }
}
