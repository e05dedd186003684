package io.starling.it.durable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.starling.it.NodeProcess;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent publisher's QoS 2 handshake survives the node: after {@code kill -9} and a restart,
 * the PUBLISH it resends (DUP, same packet id) is recognised and not routed a second time.
 */
class InboundQos2AcrossRestartIT {

    @TempDir
    Path dir;
    private NodeProcess node;

    @BeforeEach
    void startNode() {
        node = NodeProcess.startDurable(dir);
    }

    @AfterEach
    void destroyNode() {
        node.close();
    }

    @Test
    void resentQos2PublishIsNotRoutedTwiceAfterKill9() throws Exception {
        try (SessionClient subscriber = SessionClient.connect(node, "q2-sub", false)) {
            subscriber.subscribe("q2/topic", 2);
        }
        try (RawPublisher publisher = RawPublisher.connect(node, "q2-pub")) {
            publisher.publishQos2(7, "q2/topic", "once", false);
            assertArrayEquals(new byte[] {0x50, 0x02, 0x00, 0x07}, publisher.read(4), "PUBREC");
        }
        node.kill9();
        node.restart();

        try (RawPublisher publisher = RawPublisher.connect(node, "q2-pub")) {
            publisher.publishQos2(7, "q2/topic", "once", true); // the client does not know PUBREC arrived
            assertArrayEquals(new byte[] {0x50, 0x02, 0x00, 0x07}, publisher.read(4), "PUBREC again");
            publisher.send(new byte[] {0x62, 0x02, 0x00, 0x07}); // PUBREL
            assertArrayEquals(new byte[] {0x70, 0x02, 0x00, 0x07}, publisher.read(4), "PUBCOMP");
        }
        try (SessionClient subscriber = SessionClient.connect(node, "q2-sub", false)) {
            List<SessionClient.Received> received = subscriber.drain(2000);
            assertEquals(List.of("once"), received.stream().map(SessionClient.Received::payload).toList(),
                    node.tail());
        }
    }

    /** MQTT 3.1.1 by hand: what a client library hides (resending with the same packet id). */
    private static final class RawPublisher implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final DataInputStream in;

        private RawPublisher(Socket socket) throws IOException {
            this.socket = socket;
            this.socket.setSoTimeout(10_000);
            this.out = socket.getOutputStream();
            this.in = new DataInputStream(socket.getInputStream());
        }

        /** Connects with clean session false and checks the CONNACK. */
        static RawPublisher connect(NodeProcess node, String clientId) throws IOException {
            RawPublisher publisher = new RawPublisher(new Socket(node.host(), node.port()));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(new byte[] {0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x00, 0x00, 0x3C});
            writeString(body, clientId);
            publisher.send(packet(0x10, body.toByteArray()));
            byte[] connack = publisher.read(4);
            assertEquals(0x20, connack[0]);
            assertEquals(0, connack[3], "CONNACK return code");
            return publisher;
        }

        void publishQos2(int packetId, String topic, String payload, boolean dup) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            writeString(body, topic);
            body.write(packetId >> 8);
            body.write(packetId);
            body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
            send(packet(dup ? 0x3C : 0x34, body.toByteArray()));
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        byte[] read(int count) throws IOException {
            byte[] bytes = new byte[count];
            in.readFully(bytes);
            return bytes;
        }

        private static void writeString(ByteArrayOutputStream out, String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }

        private static byte[] packet(int firstByte, byte[] body) {
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.write(firstByte);
            packet.write(body.length); // bodies here are shorter than 128 bytes
            packet.writeBytes(body);
            return packet.toByteArray();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
