package io.starling.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repository's scripts as a user would. The repository is found from the jar
 * failsafe names in the system property {@code starling.jar} (broker-node/target/starling.jar).
 */
final class RepoScript {

    /** What one run printed, and its exit status. */
    record Result(int exitCode, List<String> out, String err) {
    }

    private RepoScript() {
    }

    /**
     * @param path    the script, relative to the repository, e.g. {@code bin/starling-ctrl}
     * @param dir     the working directory, or null for the test's
     * @param env     variables added to the test's environment
     * @param timeout the run is killed, and the test fails, after this
     */
    static Result run(String path, List<String> args, Path dir, Map<String, String> env, Duration timeout) {
        Path jar = Path.of(System.getProperty("starling.jar")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(jar.getParent().getParent().getParent().resolve(path).toString()));
        command.addAll(args);
        try {
            Path out = Files.createTempFile("script", ".out");
            Path err = Files.createTempFile("script", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                if (dir != null) {
                    builder.directory(dir.toFile());
                }
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not end within " + timeout);
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
