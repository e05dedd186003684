package io.starling.it.auth;

import static io.starling.it.auth.PasswordAuthIT.mosquittoPasswd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.starling.it.NodeProcess;
import io.starling.it.core.MosquittoCli;
import io.starling.it.core.MosquittoCli.Result;
import io.starling.it.core.MosquittoCli.RunningSub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password guessing from one address is slowed down ({@code auth_failure_limit}): past the limit,
 * CONNECTs from that address are refused unchecked for the rest of the minute, even with the right
 * password, and $SYS counts both kinds of refusal. Connected clients are not affected.
 */
class AuthRateLimitIT {

    @Test
    void addressIsRefusedUncheckedOnceItReachesTheLimitAndSysCountsIt(@TempDir Path dir) throws Exception {
        Path passwd = dir.resolve("passwd");
        mosquittoPasswd("-c", "-b", passwd.toString(), "alice", "secret");
        try (NodeProcess node = NodeProcess.start(dir, "allow_anonymous false\npassword_file " + passwd
                + "\nauth_failure_limit 3\nsys_interval 1\n")) {
            // connected before the guessing starts, which refuses new CONNECTs from 127.0.0.1
            RunningSub failures = MosquittoCli.sub(node.port(), "-u", "alice", "-P", "secret",
                    "-t", "$SYS/broker/security/auth/failures");
            RunningSub limited = MosquittoCli.sub(node.port(), "-u", "alice", "-P", "secret",
                    "-t", "$SYS/broker/security/auth/rate-limited");
            for (int i = 0; i < 3; i++) {
                assertEquals(5, pub(node, "wrong").exitCode());
            }

            failures.awaitLine("3", Duration.ofSeconds(10));
            failures.kill();

            Result v311 = pub(node, "secret");
            assertEquals(3, v311.exitCode(), "CONNACK 3 (server unavailable), unchecked: " + v311.lines());
            limited.awaitLine("1", Duration.ofSeconds(10));
            limited.kill();
            Result v5 = pub(node, "secret", "-V", "5");
            assertEquals(0x9F, v5.exitCode(), "MQTT 5: connection rate exceeded: " + v5.lines());
            node.awaitOutput("reached auth_failure_limit");
        }
    }

    private static Result pub(NodeProcess node, String password, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("-u", "alice", "-P", password, "-t", "t", "-m", "x"));
        args.addAll(List.of(more));
        return MosquittoCli.pub(node.port(), args.toArray(String[]::new));
    }
}
