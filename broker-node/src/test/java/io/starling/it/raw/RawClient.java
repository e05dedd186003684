package io.starling.it.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.starling.it.TestBroker;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An MQTT client on a plain socket that sends exactly the bytes a test asks for and never acks,
 * pings or reconnects on its own: the tool for observing what the broker does on the wire.
 */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private boolean closedByPeer;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawClient open(TestBroker broker) {
        return open(broker.host(), broker.port());
    }

    public static RawClient open(String host, int port) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setTcpNoDelay(true);
            return new RawClient(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a socket and sends CONNECT; the caller reads the CONNACK (or the refusal). */
    public static RawClient connect(TestBroker broker, RawConnect connect) {
        RawClient c = open(broker);
        c.send(RawPackets.connect(connect));
        return c;
    }

    /** Opens, connects and asserts the CONNACK accepted the connection. */
    public static RawClient connected(TestBroker broker, RawConnect connect) {
        return connected(broker.host(), broker.port(), connect);
    }

    public static RawClient connected(String host, int port, RawConnect connect) {
        RawClient c = open(host, port);
        c.send(RawPackets.connect(connect));
        RawPacket connack = c.expect(RawPacket.CONNACK, Duration.ofSeconds(3));
        assertEquals(0, connack.connackReturnCode(), "CONNACK return code");
        return c;
    }

    public void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Subscribes and waits for the SUBACK; returns the granted QoS. */
    public int subscribe(int packetId, String filter, int qos) {
        send(RawPackets.subscribe(packetId, filter, qos));
        RawPacket suback = expect(RawPacket.SUBACK, Duration.ofSeconds(3));
        assertEquals(packetId, suback.packetId(), "SUBACK packet id");
        return suback.firstGrantedQos();
    }

    /** The next packet, or empty if none arrives within the timeout or the broker closed the connection. */
    public Optional<RawPacket> poll(Duration timeout) {
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            int first = in.read();
            if (first < 0) {
                closedByPeer = true;
                return Optional.empty();
            }
            int length = 0;
            int multiplier = 1;
            for (int i = 0; i < 4; i++) {
                int digit = in.readUnsignedByte();
                length += (digit & 0x7F) * multiplier;
                multiplier *= 128;
                if ((digit & 0x80) == 0) {
                    break;
                }
            }
            byte[] body = new byte[length];
            in.readFully(body);
            return Optional.of(new RawPacket(first >> 4, first & 0x0F, body));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (EOFException | SocketException e) {
            closedByPeer = true;
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next packet, which must be of the given type and arrive within the timeout. */
    public RawPacket expect(int type, Duration timeout) {
        RawPacket p = poll(timeout).orElseThrow(() -> new AssertionError(
                "expected packet type " + type + " within " + timeout
                        + (closedByPeer ? " but the broker closed the connection" : " but none came")));
        assertEquals(type, p.type(), "packet type");
        return p;
    }

    /** The next packet, which must be a PUBLISH. */
    public RawPublish expectPublish(Duration timeout) {
        return expect(RawPacket.PUBLISH, timeout).publish();
    }

    /** Every packet that arrives until {@code quiet} passes without one (bounded to 1000 packets). */
    public List<RawPacket> drain(Duration quiet) {
        List<RawPacket> packets = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Optional<RawPacket> p = poll(quiet);
            if (p.isEmpty()) {
                break;
            }
            packets.add(p.get());
        }
        return packets;
    }

    /**
     * Waits until the broker closes the connection; returns true if it did within the timeout.
     * Packets that arrive meanwhile are read and dropped.
     */
    public boolean awaitClosedByBroker(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closedByPeer) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            poll(Duration.ofNanos(left));
        }
        return true;
    }

    public boolean isClosedByBroker() {
        return closedByPeer;
    }

    /** Drops the TCP connection without a DISCONNECT packet, as a crashing client would. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket we no longer need: nothing useful to do
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
