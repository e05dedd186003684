package io.starling.it.cluster;

import io.starling.it.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        Processes.Ran ran = Processes.run(command, dir, env, timeout);
        return new Result(ran.exitCode(), ran.out(), ran.err());
    }
}
