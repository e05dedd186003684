package io.starling.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Just enough of an MQTT client (3.1, 3.1.1 and 5) for starling-ctrl: connect over a plain socket,
 * subscribe at QoS 0, publish at QoS 0, read what comes, disconnect. Blocking and single-threaded: the tool asks one
 * question and exits, so it needs no keep-alive pings and no client library in the broker's jar.
 */
final class BlockingMqttClient implements AutoCloseable {

    /** A message received; QoS 0, so nothing to acknowledge. */
    record Publish(String topic, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static final int CONNECT = 1;
    private static final int CONNACK = 2;
    private static final int PUBLISH = 3;
    private static final int SUBSCRIBE = 8;
    private static final int SUBACK = 9;
    private static final int DISCONNECT = 14;
    private static final int KEEP_ALIVE_SECONDS = 60;
    /** Once a packet has begun, the rest of it must follow within this. */
    private static final int PACKET_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int level;
    private final String target;
    /** Messages that came while waiting for an acknowledgement. */
    private final Queue<Publish> early = new ArrayDeque<>();

    private BlockingMqttClient(Socket socket, int level, String target) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
        this.level = level;
        this.target = target;
    }

    /** Connects and waits for the CONNACK; fails with a message the user can act on. */
    static BlockingMqttClient connect(CtrlOptions options, Duration timeout) throws CtrlFailure {
        Socket socket = new Socket();
        BlockingMqttClient client;
        try {
            socket.connect(new InetSocketAddress(options.host(), options.port()), (int) timeout.toMillis());
            client = new BlockingMqttClient(socket, options.protocolLevel(), options.target());
        } catch (IOException e) {
            closeQuietly(socket);
            throw new CtrlFailure("cannot connect to " + options.target() + ": " + e.getMessage(), e);
        }
        try {
            client.send(CONNECT << 4, client.connectBody(options));
            Packet connack = client.awaitPacket(CONNACK, timeout);
            int code = connack.body().length > 1 ? connack.body()[1] & 0xFF : 0xFF;
            if (code != 0) {
                throw new RefusedConnection("the broker at " + options.target() + " refused the connection: "
                        + ConnectRefusal.describe(options.protocolLevel(), code), options.protocolLevel(), code);
            }
            return client;
        } catch (IOException e) {
            client.close();
            throw new CtrlFailure("lost the connection to " + options.target() + " while connecting: "
                    + e.getMessage(), e);
        } catch (CtrlFailure e) {
            client.close();
            throw e;
        }
    }

    private byte[] connectBody(CtrlOptions options) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, level == 3 ? "MQIsdp" : "MQTT");
        body.write(level);
        int flags = 0x02; // clean session: the tool leaves nothing behind
        if (options.username() != null) {
            flags |= 0x80;
        }
        if (options.password() != null) {
            flags |= 0x40;
        }
        body.write(flags);
        body.write(KEEP_ALIVE_SECONDS >> 8);
        body.write(KEEP_ALIVE_SECONDS & 0xFF);
        if (level == 5) {
            writeVarInt(body, 0); // no properties
        }
        writeString(body, options.clientId() != null ? options.clientId() : defaultClientId());
        if (options.username() != null) {
            writeString(body, options.username());
        }
        if (options.password() != null) {
            writeString(body, options.password());
        }
        return body.toByteArray();
    }

    /** As mosquitto_ctrl: MQTT 5 lets the broker assign one; 3.1 allows at most 23 characters. */
    private String defaultClientId() {
        if (level == 5) {
            return "";
        }
        return "starling-ctrl-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 32);
    }

    /** Subscribes to {@code filters} at QoS 0 and waits for the SUBACK. */
    void subscribe(List<String> filters, Duration timeout) throws CtrlFailure {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(0);
            body.write(1); // packet identifier 1: the only packet that needs one
            if (level == 5) {
                writeVarInt(body, 0);
            }
            for (String filter : filters) {
                writeString(body, filter);
                body.write(0);
            }
            send(SUBSCRIBE << 4 | 0x02, body.toByteArray());
            Packet suback = awaitPacket(SUBACK, timeout);
            Reader reader = new Reader(suback.body());
            reader.skip(2);
            if (level == 5) {
                reader.skip(reader.varInt());
            }
            for (String filter : filters) {
                int code = reader.hasMore() ? reader.u8() : 0x80;
                if (code >= 0x80) {
                    throw new CtrlFailure("the broker at " + target + " refused the subscription to " + filter
                            + String.format(" (reason 0x%02X): is this user allowed to subscribe to it?", code));
                }
            }
        } catch (IOException e) {
            throw new CtrlFailure("lost the connection to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Publishes {@code payload} to {@code topic} at QoS 0, not retained: nothing comes back for it. */
    void publish(String topic, byte[] payload) throws CtrlFailure {
        ByteArrayOutputStream body = new ByteArrayOutputStream(payload.length + topic.length() + 8);
        try {
            writeString(body, topic);
            if (level == 5) {
                writeVarInt(body, 0);
            }
            body.write(payload);
            send(PUBLISH << 4, body.toByteArray());
        } catch (IOException e) {
            throw new CtrlFailure("lost the connection to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The next message, or empty if none comes within {@code wait}. */
    Optional<Publish> next(Duration wait) throws CtrlFailure {
        if (!early.isEmpty()) {
            return Optional.of(early.poll());
        }
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                Optional<Packet> packet = read(Duration.ofNanos(left));
                if (packet.isEmpty()) {
                    return Optional.empty();
                }
                if (packet.get().type() == PUBLISH) {
                    return Optional.of(publish(packet.get()));
                }
                checkNotDisconnected(packet.get());
            }
        } catch (IOException e) {
            throw new CtrlFailure("lost the connection to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Sends DISCONNECT (politely, so no will is published) and closes the socket. */
    @Override
    public void close() {
        try {
            if (!socket.isClosed()) {
                send(DISCONNECT << 4, level == 5 ? new byte[] {0, 0} : new byte[0]);
            }
        } catch (IOException e) {
            // closing anyway
        }
        closeQuietly(socket);
    }

    private Packet awaitPacket(int type, Duration timeout) throws IOException, CtrlFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Optional<Packet> packet = left > 0 ? read(Duration.ofNanos(left)) : Optional.empty();
            if (packet.isEmpty()) {
                throw new CtrlFailure("no answer from " + target + " within " + timeout.toSeconds()
                        + " s: is it an MQTT broker?");
            }
            if (packet.get().type() == type) {
                return packet.get();
            }
            if (packet.get().type() == PUBLISH) {
                early.add(publish(packet.get()));
            } else {
                checkNotDisconnected(packet.get());
            }
        }
    }

    private void checkNotDisconnected(Packet packet) throws CtrlFailure {
        if (packet.type() == DISCONNECT) {
            String reason = packet.body().length > 0 ? String.format(" (reason 0x%02X)", packet.body()[0] & 0xFF) : "";
            throw new CtrlFailure("the broker at " + target + " closed the connection" + reason);
        }
    }

    private Publish publish(Packet packet) throws IOException {
        Reader reader = new Reader(packet.body());
        String topic = reader.string();
        int qos = (packet.flags() >> 1) & 0x03;
        if (qos > 0) {
            reader.skip(2); // only QoS 0 is subscribed, but a packet identifier is skipped just in case
        }
        if (level == 5) {
            reader.skip(reader.varInt());
        }
        return new Publish(topic, reader.rest());
    }

    private record Packet(int type, int flags, byte[] body) {
    }

    /** One packet, or empty if its first byte does not come within {@code wait}. */
    private Optional<Packet> read(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        if (first < 0) {
            throw new EOFException("the broker closed the connection");
        }
        socket.setSoTimeout(PACKET_TIMEOUT_MILLIS);
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 21) {
                throw new IOException("malformed remaining length");
            }
            int b = in.readUnsignedByte();
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return Optional.of(new Packet(first >> 4, first & 0x0F, body));
    }

    private void send(int firstByte, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream(body.length + 5);
        packet.write(firstByte);
        writeVarInt(packet, body.length);
        packet.write(body);
        out.write(packet.toByteArray());
        out.flush();
    }

    private static void writeString(ByteArrayOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.write(bytes);
    }

    private static void writeVarInt(ByteArrayOutputStream out, int value) {
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /** Reads the fields of a packet body. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean hasMore() {
            return position < bytes.length;
        }

        int u8() throws IOException {
            if (position >= bytes.length) {
                throw new IOException("packet too short");
            }
            return bytes[position++] & 0xFF;
        }

        void skip(int count) throws IOException {
            if (count < 0 || position + count > bytes.length) {
                throw new IOException("packet too short");
            }
            position += count;
        }

        String string() throws IOException {
            int length = u8() << 8 | u8();
            skip(length);
            return new String(bytes, position - length, length, StandardCharsets.UTF_8);
        }

        int varInt() throws IOException {
            int value = 0;
            for (int shift = 0; shift <= 21; shift += 7) {
                int b = u8();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IOException("malformed variable byte integer");
        }

        byte[] rest() {
            byte[] rest = new byte[bytes.length - position];
            System.arraycopy(bytes, position, rest, 0, rest.length);
            position = bytes.length;
            return rest;
        }
    }
}
