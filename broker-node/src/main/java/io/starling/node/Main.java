package io.starling.node;

import io.starling.config.BrokerConfig;
import io.starling.config.CommandLine;
import io.starling.config.ConfigException;
import io.starling.config.ConfigParser;
import java.util.List;
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
        BrokerNode node;
        try {
            node = BrokerNode.start(config);
        } catch (RuntimeException e) {
            log.error("Error: {}", e.getMessage());
            System.exit(1);
            return;
        }
        // as Mosquitto: SIGHUP re-reads the password and ACL files, and the TLS listeners' certificates,
        // keys, CAs and CRLs (each failure is logged; Main only: tests run nodes in-process)
        Signal.handle(new Signal("HUP"), signal -> {
            node.reload();
            node.reloadTls();
        });
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
}
