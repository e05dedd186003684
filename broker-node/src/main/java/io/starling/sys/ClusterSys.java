package io.starling.sys;

import io.starling.route.cluster.ClusterMembership;
import io.starling.route.cluster.ClusterRouter;
import io.starling.route.cluster.RouteReplicator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The {@code $SYS/broker/cluster/...} part of $SYS on a clustered node: the cluster as this node
 * sees it (members, their status and reachability), its share of the route table, and the
 * messages it exchanges with the other nodes. {@link SysPublisher} publishes what
 * {@link #sample()} returns along with the other $SYS topics.
 *
 * <p>Nothing here blocks the scheduler thread that samples: the cluster state is a snapshot Pekko
 * keeps up to date, and the route replicator's figures are asked for without waiting; each sample
 * shows the answer to the previous sample's question (one interval old at most).
 */
public final class ClusterSys {

    public static final String PREFIX = "$SYS/broker/cluster/";
    public static final String NAME = PREFIX + "name";
    public static final String NODE = PREFIX + "node";
    public static final String MEMBERS = PREFIX + "members";
    public static final String UNREACHABLE = PREFIX + "unreachable";
    public static final String MEMBER_LIST = PREFIX + "members/list";
    public static final String ROUTES_LOCAL = PREFIX + "routes/local";
    public static final String ROUTES_REMOTE = PREFIX + "routes/remote";
    public static final String FORWARDED = PREFIX + "messages/forwarded";
    public static final String RECEIVED = PREFIX + "messages/received";

    /** The replicator answers at once unless it is swamped; then the last answer stays. */
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);

    private final ActorSystem<?> system;
    private final Cluster cluster;
    private final String name;
    private final ClusterRouter router;
    private final Metrics metrics;
    /** The replicator's latest answer, null until the first one. */
    private volatile RouteReplicator.Status lastStatus;

    public ClusterSys(ActorSystem<?> system, String name, ClusterRouter router, Metrics metrics) {
        this.system = system;
        this.cluster = Cluster.get(system);
        this.name = name;
        this.router = router;
        this.metrics = metrics;
        askStatus();
    }

    /** The topics and their current values. */
    public Map<String, Object> sample() {
        ClusterEvent.CurrentClusterState state = cluster.state();
        Set<Address> unreachable = new HashSet<>();
        state.getUnreachable().forEach(member -> unreachable.add(member.address()));
        List<ClusterMemberLine> members = new ArrayList<>();
        int up = 0;
        for (Member member : state.getMembers()) {
            String status = ClusterMemberLine.statusName(member.status().toString());
            if ("up".equals(status)) {
                up++;
            }
            members.add(new ClusterMemberLine(ClusterMembership.nodeName(member.address()), status,
                    !unreachable.contains(member.address())));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(NAME, name);
        values.put(NODE, ClusterMembership.nodeName(cluster.selfMember().address()));
        values.put(MEMBERS, up);
        values.put(UNREACHABLE, unreachable.size());
        values.put(MEMBER_LIST, ClusterMemberLine.list(members));
        RouteReplicator.Status status = lastStatus;
        if (status != null) {
            values.put(ROUTES_LOCAL, status.ownRoutes());
        }
        values.put(ROUTES_REMOTE, router.view().size());
        values.put(FORWARDED, metrics.clusterForwarded.sum());
        values.put(RECEIVED, metrics.clusterReceived.sum());
        askStatus();
        return values;
    }

    private void askStatus() {
        AskPattern.<RouteReplicator.Command, RouteReplicator.Status>ask(router.replicator(),
                        RouteReplicator.GetStatus::new, STATUS_TIMEOUT, system.scheduler())
                .thenAccept(status -> lastStatus = status);
    }
}
