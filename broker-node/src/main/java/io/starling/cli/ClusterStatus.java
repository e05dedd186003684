package io.starling.cli;

import io.starling.sys.ClusterMemberLine;
import io.starling.sys.ClusterSys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code starling-ctrl cluster status} prints, made from the retained
 * {@code $SYS/broker/cluster/...} values of the node it asked.
 *
 * @param name    the cluster's name
 * @param node    the asked node's cluster address
 * @param members every member the asked node knows, in its order
 */
record ClusterStatus(String name, String node, List<ClusterMemberLine> members) {

    ClusterStatus {
        members = List.copyOf(members);
    }

    /** The status from the values received, or why there is none. */
    static ClusterStatus from(Map<String, String> sys, String target, long waitedSeconds) throws CtrlFailure {
        String name = sys.get(ClusterSys.NAME);
        if (name == null) {
            if (sys.isEmpty()) {
                throw new CtrlFailure("no $SYS topics from " + target + " within " + waitedSeconds + " s:"
                        + " $SYS is off there (sys_interval 0) or this user may not read it.");
            }
            throw new CtrlFailure(target + " is not a cluster node: it publishes no " + ClusterSys.NAME
                    + " (cluster_node_address is not set there).");
        }
        String node = sys.get(ClusterSys.NODE);
        String list = sys.get(ClusterSys.MEMBER_LIST);
        if (node == null || list == null) {
            throw new CtrlFailure(target + " has not published its cluster members yet; try again in sys_interval.");
        }
        try {
            return new ClusterStatus(name, node, ClusterMemberLine.parseList(list));
        } catch (IllegalArgumentException e) {
            throw new CtrlFailure(target + " published an unreadable member list: " + e.getMessage(), e);
        }
    }

    /** A header line, then {@code node N ADDRESS STATUS REACHABILITY} per member. */
    List<String> lines() {
        long up = members.stream().filter(m -> "up".equals(m.status())).count();
        long unreachable = members.stream().filter(m -> !m.reachable()).count();
        List<String> lines = new ArrayList<>();
        lines.add("cluster " + name + " as seen by " + node + ": members " + members.size() + ", up " + up
                + ", unreachable " + unreachable);
        for (int i = 0; i < members.size(); i++) {
            lines.add("node " + (i + 1) + " " + members.get(i).text());
        }
        return lines;
    }
}
