package io.starling.it.dynsec;

import io.starling.it.LoopbackPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Debian's {@code /usr/sbin/mosquitto} 2.0.11 with the dynamic-security plugin on a free loopback
 * port, its plugin file given by the test.
 */
final class MosquittoWithDynsec implements AutoCloseable {

    static final String PLUGIN = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so";

    private final Process process;
    private final int port;
    private final Path log;

    private MosquittoWithDynsec(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static MosquittoWithDynsec start(Path dir, Path dynsecFile) throws IOException {
        int port = LoopbackPorts.free();
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " " + LoopbackPorts.HOST,
                "allow_anonymous false",
                "persistence false",
                // Started as root, mosquitto would switch to the user "mosquitto", which may not
                // read or write the test's private temporary directory.
                "user root",
                "plugin " + PLUGIN,
                "plugin_opt_config_file " + dynsecFile,
                ""));
        Path log = dir.resolve("mosquitto-" + port + ".log");
        Process p = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MosquittoWithDynsec m = new MosquittoWithDynsec(p, port, log);
        Awaitility.await("mosquitto listening on " + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(() -> m.listening() || !p.isAlive());
        if (!p.isAlive()) {
            throw new IllegalStateException("mosquitto exited: " + Files.readString(log));
        }
        return m;
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String uri() {
        return "tcp://" + LoopbackPorts.HOST + ":" + port;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
