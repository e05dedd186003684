package io.starling.it.cluster;

import io.starling.it.PostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        Path jar = Path.of(System.getProperty("starling.jar")).toAbsolutePath();
        Path script = jar.getParent().getParent().getParent().resolve("cluster-config/local-cluster");
        try {
            Path out = Files.createTempFile("local-cluster", ".out");
            Path err = Files.createTempFile("local-cluster", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(script.toString(), command)
                        .directory(runDir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                Map<String, String> env = builder.environment();
                env.put("STARLING_CLUSTER_DIR", runDir.toString());
                env.put("STARLING_PG_URL", database.jdbcUrl());
                env.put("STARLING_PG_USER", database.user());
                env.put("STARLING_PG_PASSWORD", database.password());
                // small, quickly started JVMs, as the other multi-process tests use: the machine is shared
                env.put("STARLING_JAVA_OPTS", "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
                Process process = builder.start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("local-cluster " + command + " did not end within 5 minutes");
                }
                return new Result(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
