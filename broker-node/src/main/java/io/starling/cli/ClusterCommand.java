package io.starling.cli;

import io.starling.sys.ClusterSys;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code starling-ctrl cluster status}: the members of the asked node's cluster as it sees them,
 * read from its retained {@code $SYS/broker/cluster/...} topics.
 */
final class ClusterCommand implements CtrlCommand {

    /** Retained values come right after the SUBACK; a node that has none is not clustered. */
    static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final String VERSION = "$SYS/broker/version";

    @Override
    public int run(CtrlOptions options, List<String> words, CtrlStreams io) throws CtrlFailure {
        if (!words.equals(List.of("status"))) {
            throw new CtrlFailure("unknown cluster command '" + String.join(" ", words)
                    + "': the cluster commands are: cluster status");
        }
        Map<String, String> sys = readSys(options);
        ClusterStatus status = ClusterStatus.from(sys, options.target(), WAIT.toSeconds());
        status.lines().forEach(io.out()::println);
        return 0;
    }

    /**
     * The node's cluster topics, and its version (which tells a node without $SYS from one that
     * is not clustered), as far as they come within {@link #WAIT}.
     */
    private static Map<String, String> readSys(CtrlOptions options) throws CtrlFailure {
        Map<String, String> sys = new HashMap<>();
        try (BlockingMqttClient client = BlockingMqttClient.connect(options, CONNECT_TIMEOUT)) {
            client.subscribe(List.of(ClusterSys.PREFIX + "#", VERSION), CONNECT_TIMEOUT);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!complete(sys)) {
                long left = deadline - System.nanoTime();
                Optional<BlockingMqttClient.Publish> next =
                        left > 0 ? client.next(Duration.ofNanos(left)) : Optional.empty();
                if (next.isEmpty()) {
                    break;
                }
                sys.put(next.get().topic(), next.get().text());
            }
        }
        return sys;
    }

    private static boolean complete(Map<String, String> sys) {
        return sys.containsKey(ClusterSys.NAME) && sys.containsKey(ClusterSys.NODE)
                && sys.containsKey(ClusterSys.MEMBER_LIST);
    }
}
