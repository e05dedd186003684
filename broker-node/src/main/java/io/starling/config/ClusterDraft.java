package io.starling.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code cluster_*} options while the files are read; see {@link ClusterConfig}. */
final class ClusterDraft {

    /** Pekko's rule for an actor system name, which the cluster name becomes. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]*");

    private String name = "starling";
    private String host;
    private int port;
    private final List<String> seedNodes = new ArrayList<>();
    private Duration failureDetectorPause = Duration.ofSeconds(3);
    private Duration stableAfter = Duration.ofSeconds(20);
    private String strategy = "keep-majority";
    /** The first cluster option seen, for messages about the cluster as a whole. */
    ConfigLine origin;
    private ConfigLine addressLine;

    /** Applies one {@code cluster_*} line; false when the option is not a cluster option. */
    boolean apply(ConfigLine line, ConfigDraft draft) throws ConfigException {
        switch (line.option()) {
            case "cluster_name" -> {
                String value = draft.onceText(line);
                if (!NAME.matcher(value).matches()) {
                    throw line.error("invalid cluster_name '" + value
                            + "': use letters, digits, '-' and '_', starting with a letter or digit");
                }
                name = value;
            }
            case "cluster_node_address" -> {
                HostPort address = HostPort.parse(line, draft.onceText(line));
                addressLine = line;
                host = address.host();
                port = address.port();
            }
            case "cluster_seed_nodes" -> {
                line.requireValue();
                for (String value : line.values()) {
                    for (String seed : value.split(",")) {
                        if (!seed.isBlank()) {
                            seedNodes.add(HostPort.parse(line, seed.strip()).toString());
                        }
                    }
                }
            }
            case "cluster_failure_detector_pause" ->
                    failureDetectorPause = Duration.ofSeconds(line.integer(1, 3600));
            case "cluster_split_brain_stable_after" -> stableAfter = Duration.ofSeconds(line.integer(1, 3600));
            case "cluster_split_brain_strategy" -> {
                String value = line.single();
                if (!ClusterConfig.STRATEGIES.contains(value)) {
                    throw line.error("invalid cluster_split_brain_strategy '" + value + "': must be one of "
                            + String.join(", ", ClusterConfig.STRATEGIES));
                }
                strategy = value;
            }
            default -> {
                return false;
            }
        }
        if (origin == null) {
            origin = line;
        }
        return true;
    }

    /**
     * Null when this node is not clustered (no {@code cluster_node_address}). A cluster keeps its
     * sessions and retained messages in one database all nodes share, so it needs
     * {@code persistence true} and a {@code storage_jdbc_url}.
     */
    ClusterConfig build(boolean persistence, StorageConfig storage) throws ConfigException {
        if (host == null) {
            if (origin != null) {
                throw origin.error("cluster options need cluster_node_address (the host:port this node's"
                        + " cluster transport listens on)");
            }
            return null;
        }
        if (!persistence || storage.jdbcUrl() == null) {
            throw addressLine.error("a cluster needs 'persistence true' and a 'storage_jdbc_url' (a database"
                    + " every node shares, e.g. PostgreSQL): sessions and retained messages live there");
        }
        List<String> seeds = seedNodes.isEmpty() ? List.of(host + ":" + port) : seedNodes;
        return new ClusterConfig(name, host, port, seeds, failureDetectorPause, stableAfter, strategy);
    }

    /** A "host:port" value; IPv6 hosts in brackets ("[::1]:2551"). */
    record HostPort(String host, int port) {

        static HostPort parse(ConfigLine line, String value) throws ConfigException {
            int colon = value.lastIndexOf(':');
            String host = colon < 0 ? "" : value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty() || colon == value.length() - 1) {
                throw line.error("invalid " + line.option() + " value '" + value + "': must be host:port");
            }
            long port = line.parseLong(value.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw line.error("invalid " + line.option() + " port in '" + value + "': must be between 1 and 65535");
            }
            return new HostPort(host, (int) port);
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
