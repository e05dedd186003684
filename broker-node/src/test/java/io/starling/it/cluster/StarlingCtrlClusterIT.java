package io.starling.it.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.LoopbackPorts;
import io.starling.it.NodeProcess;
import io.starling.it.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code bin/starling-ctrl cluster status} against a 3-node cluster, before and after a node dies. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StarlingCtrlClusterIT {

    @RegisterExtension
    // the resolver waits 10 s before downing a lost node, so its "unreachable" phase lasts long
    // enough to be seen through $SYS (1 s) and a ctrl run (a JVM start)
    static final LocalCluster cluster = LocalCluster.of(3, "sys_interval 1\ncluster_split_brain_stable_after 10");

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(300);

    @Test
    @Order(1)
    void statusListsEveryMemberUpAndReachable() {
        for (String version : List.of("mqttv311", "mqttv5")) {
            AtomicReference<CtrlScript.Result> last = new AtomicReference<>();
            await().atMost(WAIT).pollInterval(POLL).until(() -> {
                last.set(status(1, "-V", version));
                return last.get().nodeLines().size() == 3;
            });
            CtrlScript.Result result = last.get();
            assertEquals(0, result.exitCode(), result.err());
            assertEquals("cluster it as seen by " + cluster.nodeName(1) + ": members 3, up 3, unreachable 0",
                    result.out().get(0));
            for (int n = 1; n <= 3; n++) {
                String member = cluster.nodeName(n) + " up reachable";
                assertTrue(result.nodeLines().stream().anyMatch(line -> line.matches("node [123] " + member)),
                        result.out().toString());
            }
        }
    }

    @Test
    @Order(2)
    void killedNodeIsShownUnreachableThenNoLongerListed() {
        await().atMost(WAIT).pollInterval(POLL).until(() -> status(1).nodeLines().size() == 3);
        cluster.node(3).kill9();
        String lost = " " + cluster.nodeName(3) + " ";
        await().atMost(WAIT).pollInterval(POLL).until(() -> status(1).nodeLines().stream()
                .anyMatch(line -> line.contains(lost) && line.endsWith(" unreachable")));
        // the split-brain resolver downs it (LocalCluster: 3 s stable) and it is removed
        AtomicReference<CtrlScript.Result> last = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(POLL).until(() -> {
            last.set(status(1));
            return last.get().exitCode() == 0 && last.get().nodeLines().size() == 2;
        });
        assertTrue(last.get().nodeLines().stream().noneMatch(line -> line.contains(lost)), last.get().out().toString());
        assertTrue(last.get().nodeLines().stream().allMatch(line -> line.endsWith(" up reachable")),
                last.get().out().toString());
    }

    @Test
    void nodeThatIsNotClusteredMakesItExitWithOne() {
        try (TestBroker single = TestBroker.start("sys_interval 1\n")) {
            CtrlScript.Result result = CtrlScript.run("-h", NodeProcess.HOST, "-p", String.valueOf(single.port()),
                    "cluster", "status");
            assertEquals(1, result.exitCode());
            assertTrue(result.err().contains("is not a cluster node"), result.err());
            assertTrue(result.out().isEmpty(), result.out().toString());
        }
    }

    @Test
    void nodeWithoutSysMakesItExitWithOne() {
        try (TestBroker quiet = TestBroker.start("sys_interval 0\n")) {
            CtrlScript.Result result = CtrlScript.run("-h", NodeProcess.HOST, "-p", String.valueOf(quiet.port()),
                    "cluster", "status");
            assertEquals(1, result.exitCode());
            assertTrue(result.err().contains("sys_interval 0"), result.err());
        }
    }

    @Test
    void nodeThatCannotBeReachedMakesItExitWithOne() {
        CtrlScript.Result result = CtrlScript.run("-h", NodeProcess.HOST, "-p",
                String.valueOf(LoopbackPorts.free()), "cluster", "status");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("Error: cannot connect to 127.0.0.1:"), result.err());
    }

    private static CtrlScript.Result status(int node, String... options) {
        List<String> args = new ArrayList<>(List.of("-h", NodeProcess.HOST, "-p",
                String.valueOf(cluster.port(node))));
        args.addAll(List.of(options));
        args.addAll(List.of("cluster", "status"));
        return CtrlScript.run(args.toArray(String[]::new));
    }
}
