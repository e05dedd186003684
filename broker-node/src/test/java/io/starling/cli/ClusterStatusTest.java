package io.starling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStatusTest {

    private static final String TARGET = "127.0.0.1:1883";

    @Test
    void printsAHeaderThenOneNumberedLinePerMember() throws Exception {
        ClusterStatus status = ClusterStatus.from(Map.of(
                "$SYS/broker/cluster/name", "prod",
                "$SYS/broker/cluster/node", "10.0.0.1:2551",
                "$SYS/broker/cluster/members/list",
                "10.0.0.1:2551 up reachable\n10.0.0.2:2551 up reachable\n10.0.0.3:2551 up unreachable"),
                TARGET, 3);
        assertEquals(List.of(
                "cluster prod as seen by 10.0.0.1:2551: members 3, up 3, unreachable 1",
                "node 1 10.0.0.1:2551 up reachable",
                "node 2 10.0.0.2:2551 up reachable",
                "node 3 10.0.0.3:2551 up unreachable"), status.lines());
    }

    @Test
    void nodeWithoutClusterTopicsIsNotClustered() {
        CtrlFailure failure = assertThrows(CtrlFailure.class,
                () -> ClusterStatus.from(Map.of("$SYS/broker/version", "starling 0.1"), TARGET, 3));
        assertTrue(failure.getMessage().startsWith("127.0.0.1:1883 is not a cluster node"), failure.getMessage());
    }

    @Test
    void nodeWithoutAnySysTopicHasSysOff() {
        CtrlFailure failure = assertThrows(CtrlFailure.class, () -> ClusterStatus.from(Map.of(), TARGET, 3));
        assertTrue(failure.getMessage().contains("sys_interval 0"), failure.getMessage());
    }

    @Test
    void nameWithoutMemberListAsksToTryAgain() {
        CtrlFailure failure = assertThrows(CtrlFailure.class,
                () -> ClusterStatus.from(Map.of("$SYS/broker/cluster/name", "prod"), TARGET, 3));
        assertTrue(failure.getMessage().contains("not published its cluster members yet"), failure.getMessage());
    }
}
