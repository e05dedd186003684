package io.starling.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on 127.0.0.1 for brokers started by tests. Kept free of the broker's own classes
 * so that other modules (loadtest's smoke tests) can use it from broker-node's test jar.
 */
public final class LoopbackPorts {

    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {}

    /** A port nothing listens on right now (the OS's pick of an ephemeral port). */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
