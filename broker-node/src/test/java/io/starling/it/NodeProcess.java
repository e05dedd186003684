package io.starling.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Starling node in a JVM of its own ({@code java -jar starling.jar -c broker.conf}), for tests
 * that stop, kill or restart a node. Failsafe gives the shaded jar's path as the system property
 * {@code starling.jar}; the {@code package} phase builds it.
 *
 * <p>The configuration is the given mosquitto.conf text after a listener on 127.0.0.1 at a free
 * port, which stays the same across restarts. Everything the node prints goes to {@link #log()}
 * (appended across restarts), for diagnosis. {@link #close()} always destroys the process.
 */
public final class NodeProcess implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    public static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Path conf;
    private final Path log;
    private final int port;
    private Process process;

    private NodeProcess(Path dir, Path conf, Path log, int port) {
        this.dir = dir;
        this.conf = conf;
        this.log = log;
        this.port = port;
    }

    /** A node with {@code persistence true}, its data under {@code dir/data}. */
    public static NodeProcess startDurable(Path dir) {
        NodeProcess node = prepare(dir, durableConfig(dir));
        node.launch();
        return node;
    }

    /**
     * A durable node for every test of a class, each in a new temporary directory:
     * {@code @RegisterExtension final NodeProcess node = NodeProcess.durablePerTest();} starts it
     * before each test and destroys it, and its directory, after.
     */
    public static NodeProcess durablePerTest() {
        try {
            Path dir = Files.createTempDirectory("starling-node");
            return prepare(dir, durableConfig(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a node in {@code dir} (which holds its configuration and log) and waits until it
     * listens.
     *
     * @param config mosquitto.conf lines after the listener, e.g. {@code persistence true}
     */
    public static NodeProcess start(Path dir, String config) {
        NodeProcess node = prepare(dir, config);
        node.launch();
        return node;
    }

    /**
     * Starts a node in {@code dir} without waiting for it to listen (see {@link #awaitListening()}):
     * the nodes of a cluster start together, as they wait for each other.
     */
    public static NodeProcess startInBackground(Path dir, String config) {
        NodeProcess node = prepare(dir, config);
        node.spawn();
        return node;
    }

    private static String durableConfig(Path dir) {
        return "persistence true\npersistence_location " + dir.resolve("data") + "/\n";
    }

    private static NodeProcess prepare(Path dir, String config) {
        int port = LoopbackPorts.free();
        Path conf = dir.resolve("broker.conf");
        try {
            Files.createDirectories(dir);
            Files.writeString(conf, "listener " + port + " " + HOST + "\nallow_anonymous true\n" + config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NodeProcess(dir, conf, dir.resolve("node.log"), port);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        launch();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return HOST;
    }

    /** The node's output: stdout and stderr of every run. */
    public Path log() {
        return log;
    }

    public Path dir() {
        return dir;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the node as {@code kill} does (SIGTERM) and waits for it to exit. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit();
    }

    /** Kills the node at once ({@code kill -9}): no shutdown hook, nothing flushed. */
    public void kill9() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit();
    }

    /** Starts the node again, with the same configuration and port, and waits until it listens. */
    public void restart() {
        if (isAlive()) {
            stop();
        }
        launch();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void launch() {
        spawn();
        awaitListening(port);
    }

    /** Waits until the node accepts MQTT connections on its listener. */
    public void awaitListening() {
        awaitListening(port);
    }

    /** Starts the node again without waiting for it to listen. */
    public void restartInBackground() {
        if (isAlive()) {
            stop();
        }
        spawn();
    }

    /** Pauses the whole process ({@code kill -STOP}): it neither answers nor dies. */
    public void pause() {
        signal("STOP");
    }

    /** Lets a paused process go on ({@code kill -CONT}). */
    public void resume() {
        signal("CONT");
    }

    /** Sends SIGHUP: the node reads its password, ACL and TLS files again. */
    public void hangUp() {
        signal("HUP");
    }

    /** Waits, at most {@code timeout}, for the node to exit by itself; returns its exit status. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the node did not exit within " + timeout + "; its output:\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The process id of the running node. */
    public long pid() {
        return process.pid();
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void spawn() {
        String jar = System.getProperty("starling.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("system property starling.jar must name the shaded jar, got " + jar);
        }
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a small, quickly started JVM: the machine is shared
        List<String> command = List.of(javaBinary, "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar, "-c", conf.toString());
        try {
            Files.writeString(log, "=== " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the node accepts connections on {@code listenerPort} (any of its listeners). */
    public void awaitListening(int listenerPort) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited with status " + process.exitValue()
                        + " before listening; its output:\n" + tail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, listenerPort), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("node did not listen on port " + listenerPort + " within " + START_TIMEOUT
                + "; its output:\n" + tail());
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                throw new IllegalStateException("node did not stop within " + STOP_TIMEOUT + "; killed it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits, at most ten seconds, until the node's output contains {@code text}. */
    public void awaitOutput(String text) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sleep(50);
        }
        throw new AssertionError("the node did not log '" + text + "' within 10 s; its output:\n" + tail());
    }

    /** The end of the node's output, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
