package io.starling.it.v5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.starling.it.TestBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * An MQTT client on a plain socket, for what real clients hide: exact reason codes, properties the
 * broker sends (topic aliases, subscription identifiers), flow control and malformed packets.
 *
 * <p>Packets are encoded and decoded by Netty's MQTT codec running in an {@link EmbeddedChannel}
 * (no event loop); the bytes go over a real TCP socket. The codec learns the protocol version from
 * the CONNECT it encodes, so decode MQTT 5 properties only after {@link #send sending} a CONNECT
 * built with {@link V5Packets}. Bytes sent with {@link #sendBytes} bypass the codec entirely.
 *
 * <p>Reads are synchronous with a deadline: nothing runs in the background, so a client that
 * never calls a read method is a subscriber that never reads its socket.
 */
public final class RawMqttClient implements AutoCloseable {

    /** How long a test waits for something that should arrive. */
    public static final Duration PRESENCE = Duration.ofSeconds(5);
    /** How long a test waits to be sure something does not arrive. */
    public static final Duration ABSENCE = Duration.ofMillis(500);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EmbeddedChannel codec;
    private final Deque<MqttMessage> decoded = new ArrayDeque<>();
    private boolean closedByPeer;

    private RawMqttClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.codec = new EmbeddedChannel();
        // unpooled heap buffers: nothing to release by hand, no leak reports from tests
        codec.config().setAllocator(new UnpooledByteBufAllocator(false, true));
        codec.pipeline().addLast(MqttEncoder.INSTANCE, new MqttDecoder(4 * 1024 * 1024));
    }

    /** A TCP connection to the broker; nothing sent yet. */
    public static RawMqttClient open(TestBroker broker) {
        return open(broker, 0);
    }

    /**
     * A TCP connection with a small socket receive buffer ({@code receiveBufferBytes > 0}), so
     * that a client that does not read pushes back on the broker quickly.
     */
    public static RawMqttClient open(TestBroker broker, int receiveBufferBytes) {
        try {
            Socket s = new Socket();
            if (receiveBufferBytes > 0) {
                s.setReceiveBufferSize(receiveBufferBytes);
            }
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(broker.host(), broker.port()), 5_000);
            return new RawMqttClient(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a connection and completes an MQTT 5 CONNECT; asserts the broker accepted it. */
    public static RawMqttClient connectV5(TestBroker broker, String clientId, V5Props connectProps) {
        RawMqttClient c = open(broker);
        MqttConnAckMessage ack = c.connect(V5Packets.connect(clientId, true, connectProps));
        assertEquals(0, ack.variableHeader().connectReturnCode().byteValue(), "CONNACK reason code");
        return c;
    }

    /** Sends this CONNECT and returns the CONNACK. */
    public MqttConnAckMessage connect(MqttMessage connect) {
        send(connect);
        return (MqttConnAckMessage) next(MqttMessageType.CONNACK);
    }

    /** Sends a SUBSCRIBE and asserts that its SUBACK granted every filter (reason codes below 0x80). */
    public void subscribe(MqttSubscribeMessage subscribe) {
        send(subscribe);
        MqttSubAckMessage ack = (MqttSubAckMessage) next(MqttMessageType.SUBACK);
        assertEquals(subscribe.variableHeader().messageId(), ack.variableHeader().messageId(), "SUBACK packet id");
        List<Integer> codes = ack.payload().reasonCodes();
        assertTrue(codes.stream().allMatch(code -> code < 0x80), () -> "SUBACK refused: " + codes);
    }

    /** Encodes and writes one packet. */
    public void send(MqttMessage message) {
        codec.writeOutbound(message);
        for (Object o = codec.readOutbound(); o != null; o = codec.readOutbound()) {
            ByteBuf buf = (ByteBuf) o;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            sendBytes(bytes);
        }
    }

    /** Writes bytes as they are, for packets the codec would refuse to build. */
    public void sendBytes(byte... bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next packet from the broker; fails the test if none arrives within {@link #PRESENCE}. */
    public MqttMessage next() {
        return poll(PRESENCE).orElseGet(() -> fail("no packet from the broker within " + PRESENCE
                + (closedByPeer ? " (connection closed by the broker)" : "")));
    }

    /** The next packet, which must be of this type. */
    public MqttMessage next(MqttMessageType type) {
        MqttMessage m = next();
        assertTrue(m.decoderResult().isSuccess(), () -> "undecodable packet: " + m.decoderResult());
        assertEquals(type, m.fixedHeader().messageType(), () -> "unexpected packet " + m);
        return m;
    }

    public MqttPublishMessage nextPublish() {
        return (MqttPublishMessage) next(MqttMessageType.PUBLISH);
    }

    /** The next packet, which must be a PUBACK with reason code 0x00 (Success) or 0x10 (No matching subscribers). */
    public MqttPubAckMessage nextPublishAck() {
        MqttPubAckMessage ack = (MqttPubAckMessage) next(MqttMessageType.PUBACK);
        int reason = ((MqttPubReplyMessageVariableHeader) ack.variableHeader()).reasonCode() & 0xff;
        assertTrue(reason == 0x00 || reason == 0x10, () -> "PUBACK reason code 0x" + Integer.toHexString(reason));
        return ack;
    }

    /** The next packet if one arrives within {@code timeout}. */
    public Optional<MqttMessage> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (decoded.isEmpty()) {
            byte[] chunk = readChunk(deadline);
            if (chunk == null) {
                return Optional.empty();
            }
            codec.writeInbound(codec.alloc().buffer(chunk.length).writeBytes(chunk));
            for (Object o = codec.readInbound(); o != null; o = codec.readInbound()) {
                decoded.add((MqttMessage) o);
            }
        }
        return Optional.of(decoded.poll());
    }

    /** Fails if any packet arrives within {@link #ABSENCE}. */
    public void assertNothingReceived() {
        poll(ABSENCE).ifPresent(m -> fail("expected no packet, got " + m));
    }

    /**
     * Reads until the broker closes the connection and returns the packets received meanwhile;
     * fails if the connection is still open after {@link #PRESENCE}.
     */
    public List<MqttMessage> awaitClose() {
        List<MqttMessage> packets = new ArrayList<>();
        long deadline = System.nanoTime() + PRESENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<MqttMessage> m = poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m.isPresent()) {
                packets.add(m.get());
            } else if (closedByPeer) {
                return packets;
            }
        }
        return fail("the broker did not close the connection within " + PRESENCE + "; received " + packets);
    }

    /**
     * Waits for the broker to close the connection and returns the single DISCONNECT it sent
     * before closing; fails on any other packet or none.
     */
    public MqttReasonCodeAndPropertiesVariableHeader awaitDisconnectAndClose() {
        List<MqttMessage> packets = awaitClose();
        assertEquals(1, packets.size(), () -> "expected exactly one DISCONNECT before close, got " + packets);
        MqttMessage d = packets.get(0);
        assertEquals(MqttMessageType.DISCONNECT, d.fixedHeader().messageType(), () -> "expected DISCONNECT, got " + d);
        return (MqttReasonCodeAndPropertiesVariableHeader) d.variableHeader();
    }

    /**
     * Reads raw bytes (not decoded) until the broker closes the connection; fails if it is still
     * open after {@link #PRESENCE}. For replies to CONNECTs the codec cannot describe.
     */
    public byte[] awaitCloseRaw() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + PRESENCE.toNanos();
        while (!closedByPeer) {
            if (System.nanoTime() >= deadline) {
                fail("the broker did not close the connection within " + PRESENCE);
            }
            byte[] chunk = readChunk(deadline);
            if (chunk != null) {
                bytes.writeBytes(chunk);
            }
        }
        return bytes.toByteArray();
    }

    public boolean isClosedByPeer() {
        return closedByPeer;
    }

    /** Closes the socket without a DISCONNECT, as a crashed client or a lost network would. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort
        }
        codec.finishAndReleaseAll();
    }

    /** Bytes available before the deadline, or null on timeout or when the peer has closed. */
    private byte[] readChunk(long deadlineNanos) {
        if (closedByPeer) {
            return null;
        }
        long remainingMs = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remainingMs <= 0) {
            return null;
        }
        byte[] buf = new byte[64 * 1024];
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMs));
            int n = in.read(buf);
            if (n < 0) {
                closedByPeer = true;
                return null;
            }
            byte[] chunk = new byte[n];
            System.arraycopy(buf, 0, chunk, 0, n);
            return chunk;
        } catch (SocketTimeoutException e) {
            return null;
        } catch (SocketException e) {
            // "Connection reset": the broker closed while we still had unsent or unread bytes
            closedByPeer = true;
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
