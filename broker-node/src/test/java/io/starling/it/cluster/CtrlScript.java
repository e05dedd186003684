package io.starling.it.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
        RepoScript.Result result = RepoScript.run("bin/starling-ctrl", List.of(args), null, Map.of(),
                Duration.ofSeconds(60));
        return new Result(result.exitCode(), result.out(), result.err());
    }
}
