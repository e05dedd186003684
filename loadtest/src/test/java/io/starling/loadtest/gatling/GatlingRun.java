package io.starling.loadtest.gatling;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one Gatling simulation in a JVM of its own, as gatling-maven-plugin does:
 * {@code java -cp <this JVM's class path> io.gatling.app.Gatling -s <class> -rf <results>}.
 * Gatling's exit status is 0 when the run passed its assertions, 2 when an assertion failed.
 *
 * <p>A separate JVM because Gatling's launcher ends by stopping Logback and is meant to own its
 * JVM; it also keeps the load's threads and memory out of the test's JVM.
 */
record GatlingRun(int exitStatus, Path output) {

    static GatlingRun run(Class<?> simulation, Path resultsDirectory, Map<String, String> properties, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(resultsDirectory);
        Path output = resultsDirectory.resolve(simulation.getSimpleName() + "-output.txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        // what gatling-maven-plugin gives Gatling's JVM on Java 17: Gatling's stats writer reads
        // String internals and fails to start without it
        command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        command.add("--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        // under failsafe this is its booter jar, whose manifest lists the test class path
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.gatling.app.Gatling");
        command.add("--simulation");
        command.add(simulation.getName());
        command.add("--results-folder");
        command.add(resultsDirectory.toAbsolutePath().toString());
        command.add("--launcher");
        command.add("junit");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("Gatling did not finish within " + timeout + "; its output:\n" + tail(output));
        }
        return new GatlingRun(process.exitValue(), output);
    }

    /** The end of Gatling's output: its summary and the assertion results. */
    String tail() {
        return tail(output);
    }

    private static String tail(Path output) {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
