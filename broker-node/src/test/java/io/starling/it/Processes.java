package io.starling.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end for a test: output and errors go to files (a pipe that nobody reads
 * could stall the command), and a command that outlives its time is killed and fails the test.
 */
public final class Processes {

    /** What a finished command printed, line by line on standard output. */
    public record Ran(int exitCode, List<String> out, String err) {
    }

    private Processes() {
    }

    /**
     * @param dir     the working directory, or null for the test's
     * @param env     variables added to the test's environment
     * @param timeout the command is killed, and the test fails, after this
     */
    public static Ran run(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
        try {
            Path out = Files.createTempFile("process", ".out");
            Path err = Files.createTempFile("process", ".err");
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
                    throw new AssertionError(String.join(" ", command) + " did not end within " + timeout
                            + "; it printed:\n" + Files.readString(out) + Files.readString(err));
                }
                return new Ran(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
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
