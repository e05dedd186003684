package io.starling.it;

import io.starling.node.BrokerNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A broker for integration tests, configured with mosquitto.conf text.
 *
 * <p>By default it is a Starling node in this JVM. With {@code -Dstarling.it.broker=mosquitto} the
 * same configuration runs Debian's {@code mosquitto} instead: the tests describe what a Mosquitto
 * user sees, so running them against Mosquitto checks the tests themselves.
 */
public final class TestBroker implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final String HOST = "127.0.0.1";

    private final int port;
    /** The websockets listener's port, 0 if the broker has none. */
    private int webSocketPort;
    private final String config;
    private Path dir;
    private BrokerNode node;
    private Process mosquitto;

    private TestBroker(int port, String config) {
        this.port = port;
        this.config = config;
    }

    /** A broker with one anonymous listener on 127.0.0.1 and the given extra configuration lines. */
    public static TestBroker start(String extraConfig) {
        TestBroker broker = perClass(extraConfig);
        broker.launch();
        return broker;
    }

    /** A broker with exactly this configuration; {@code port} is the listener the tests talk to. */
    public static TestBroker startWithConfig(String config, int port) {
        TestBroker broker = new TestBroker(port, config);
        broker.launch();
        return broker;
    }

    /**
     * A broker shared by the tests of one class, as a {@code @RegisterExtension static} field:
     * started before the class's first test, stopped after its last.
     */
    public static TestBroker perClass(String extraConfig) {
        int port = freePort();
        return new TestBroker(port, "listener " + port + " " + HOST + "\nallow_anonymous true\n" + extraConfig);
    }

    /**
     * Like {@link #perClass}, with a second listener on 127.0.0.1 speaking MQTT over WebSocket
     * ({@code protocol websockets}) at {@link #webSocketPort()}. Per-listener lines in
     * {@code extraConfig} apply to that websockets listener, the last one declared.
     */
    public static TestBroker perClassWithWebSockets(String extraConfig) {
        int port = freePort();
        int webSocketPort = freePort();
        while (webSocketPort == port) {
            webSocketPort = freePort();
        }
        TestBroker broker = new TestBroker(port, "listener " + port + " " + HOST + "\n"
                + "listener " + webSocketPort + " " + HOST + "\nprotocol websockets\n"
                + "allow_anonymous true\n" + extraConfig);
        broker.webSocketPort = webSocketPort;
        return broker;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void launch() {
        try {
            dir = Files.createTempDirectory("starling-it");
            Path conf = dir.resolve("broker.conf");
            Files.writeString(conf, config);
            if ("mosquitto".equals(System.getProperty("starling.it.broker"))) {
                mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("mosquitto.log").toFile())
                        .start();
                awaitListening(port);
                if (webSocketPort != 0) {
                    awaitListening(webSocketPort);
                }
                return;
            }
            node = BrokerNode.startFromConfigFile(conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return HOST;
    }

    /** {@code tcp://127.0.0.1:PORT}, as Paho wants it. */
    public String uri() {
        return "tcp://" + HOST + ":" + port;
    }

    /** The port of the websockets listener of {@link #perClassWithWebSockets}. */
    public int webSocketPort() {
        if (webSocketPort == 0) {
            throw new IllegalStateException("this broker has no websockets listener");
        }
        return webSocketPort;
    }

    /** {@code ws://127.0.0.1:PORT/mqtt}: the websockets listener, at the path MQTT clients use. */
    public String webSocketUri() {
        return "ws://" + HOST + ":" + webSocketPort() + "/mqtt";
    }

    /** The temporary directory holding this broker's configuration (and data, if any). */
    public Path dir() {
        return dir;
    }

    public boolean isMosquitto() {
        return mosquitto != null;
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
            node = null;
        }
        if (mosquitto != null) {
            mosquitto.destroy();
            try {
                mosquitto.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            mosquitto = null;
        }
    }

    public static int freePort() {
        return LoopbackPorts.free();
    }

    /** A free port other than {@code taken}, for a broker with several listeners. */
    public static int freePortOtherThan(int... taken) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort();
            if (java.util.Arrays.stream(taken).noneMatch(p -> p == port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port other than " + java.util.Arrays.toString(taken));
    }

    private static void awaitListening(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("broker did not listen on port " + port);
    }
}
