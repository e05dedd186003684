package io.starling.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterMemberLineTest {

    @Test
    void memberListHasOneLinePerMemberWithStatusAndReachability() {
        String list = ClusterMemberLine.list(List.of(
                new ClusterMemberLine("127.0.0.1:2551", "up", true),
                new ClusterMemberLine("127.0.0.1:2552", "leaving", false)));
        assertEquals("127.0.0.1:2551 up reachable\n127.0.0.1:2552 leaving unreachable", list);
    }

    @Test
    void memberListReadsBackAsWritten() {
        List<ClusterMemberLine> members = List.of(
                new ClusterMemberLine("10.0.0.1:2551", "joining", true),
                new ClusterMemberLine("10.0.0.2:2551", "weakly-up", false));
        assertEquals(members, ClusterMemberLine.parseList(ClusterMemberLine.list(members)));
    }

    @Test
    void lineThatIsNotAMemberIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClusterMemberLine.parseList("127.0.0.1:2551 up"));
        assertThrows(IllegalArgumentException.class,
                () -> ClusterMemberLine.parseList("127.0.0.1:2551 up maybe"));
    }

    @Test
    void pekkoStatusNamesBecomeLowerCaseWithDashes() {
        assertEquals("up", ClusterMemberLine.statusName("Up"));
        assertEquals("weakly-up", ClusterMemberLine.statusName("WeaklyUp"));
        assertEquals("preparing-for-shutdown", ClusterMemberLine.statusName("PreparingForShutdown"));
        assertEquals("removed", ClusterMemberLine.statusName("Removed"));
    }
}
