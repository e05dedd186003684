package io.starling.it.cluster;

import io.starling.it.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@code cluster-config/local-cluster} script, as a user would, with its run
 * directory and database moved aside (STARLING_CLUSTER_DIR, STARLING_PG_URL/USER/PASSWORD) so
 * that a test never touches a user's cluster data. The script is found next to the jar failsafe
 * names in the system property {@code starling.jar} (broker-node/target/starling.jar), and it
 * starts that jar.
 */
final class LocalClusterScript {

    /** What one run printed, and its exit status. */
    record Result(int exitCode, List<String> out, String err) {
    }

    private final Path runDir;
    private final PostgresDatabase database;

    LocalClusterScript(Path runDir, PostgresDatabase database) {
        this.runDir = runDir;
        this.database = database;
    }

    /** Runs {@code local-cluster command} from another directory; at most 5 minutes (start waits up to 2). */
    Result run(String command) {
        Map<String, String> env = Map.of(
                "STARLING_CLUSTER_DIR", runDir.toString(),
                "STARLING_PG_URL", database.jdbcUrl(),
                "STARLING_PG_USER", database.user(),
                "STARLING_PG_PASSWORD", database.password(),
                // small, quickly started JVMs, as the other multi-process tests use: the machine is shared
                "STARLING_JAVA_OPTS", "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        RepoScript.Result result = RepoScript.run("cluster-config/local-cluster", List.of(command), runDir, env,
                Duration.ofMinutes(5));
        return new Result(result.exitCode(), result.out(), result.err());
    }
}
