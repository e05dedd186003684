package io.starling.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code bin/starling-ctrl} script, as a user would; it finds the jar failsafe names
 * in the system property {@code starling.jar} (broker-node/target/starling.jar).
 */
final class CtrlScript {

    /** What one run printed, and its exit status. */
    record Result(int exitCode, List<String> out, String err) {

        /** The member lines ({@code node N ADDRESS STATUS REACHABILITY}). */
        List<String> nodeLines() {
            return out.stream().filter(line -> line.startsWith("node ")).toList();
        }
    }

    private CtrlScript() {
    }

    static Result run(String... args) {
        Path jar = Path.of(System.getProperty("starling.jar")).toAbsolutePath();
        Path script = jar.getParent().getParent().getParent().resolve("bin/starling-ctrl");
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("starling-ctrl", ".out");
            Path err = Files.createTempFile("starling-ctrl", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("starling-ctrl " + String.join(" ", args) + " did not end within 60 s");
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
