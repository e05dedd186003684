package io.starling.node;

import io.starling.config.BrokerConfig;
import io.starling.config.CommandLine;
import io.starling.config.ConfigException;
import io.starling.config.ConfigParser;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code bin/starling}: the same flags as {@code mosquitto} ({@code -c}, {@code -p}, {@code -v}, {@code -h}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        BrokerConfig config;
        try {
            if (CommandLine.parse(arguments).help()) {
                System.out.println(CommandLine.usage());
                return;
            }
            config = ConfigParser.parse(arguments);
        } catch (ConfigException e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(1);
            return;
        }
        Logging.apply(config);
        Logger log = LoggerFactory.getLogger(Main.class);
        if (config.configFile() != null) {
            log.info("Config loaded from {}.", config.configFile());
        } else {
            log.info("Using default config: listening on the loopback interfaces only.");
        }
        // installed before the listeners open, so a SIGHUP from then on never meets the JVM's
        // default action (which would stop the node)
        AtomicReference<BrokerNode> started = new AtomicReference<>();
        Signal.handle(new Signal("HUP"), signal -> reload(started.get(), log));
        BrokerNode node;
        try {
            node = BrokerNode.start(config);
            started.set(node);
        } catch (RuntimeException e) {
            log.error("Error: {}", e.getMessage());
            System.exit(1);
            return;
        }
        node.onUnexpectedStop(() -> {
            log.error("This node was removed from the cluster (downed or left); exiting.");
            System.exit(1);
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "starling-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** As Mosquitto: SIGHUP re-reads the password, ACL and TLS files. */
    private static void reload(BrokerNode node, Logger log) {
        if (node == null) {
            log.warn("SIGHUP before the node has started: ignored.");
            return;
        }
        node.reload();
    }
}
