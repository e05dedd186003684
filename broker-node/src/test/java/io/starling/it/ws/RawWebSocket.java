package io.starling.it.ws;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.starling.it.TestBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client (the JDK's) that sends hand-made MQTT bytes, or a text frame, and tells what
 * came back and whether the broker closed the connection: for the tests of bad input, which a real
 * MQTT client would never send.
 */
final class RawWebSocket implements AutoCloseable {

    /** An MQTT 3.1.1 CONNECT, clean session, keep alive 60, empty client id. */
    static final byte[] CONNECT_V311 = {0x10, 12, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 0};
    /** An MQTT 3.1.1 CONNACK accepting a clean session. */
    static final byte[] CONNACK_ACCEPTED = {0x20, 2, 0, 0};

    /** How the connection ended: a close frame's status, or -1 when the socket just went away. */
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final BlockingQueue<byte[]> binary = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private RawWebSocket(TestBroker broker) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("mqtt")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(broker.webSocketUri()), new Collector())
                .orTimeout(5, TimeUnit.SECONDS)
                .join();
    }

    /** Opened (the upgrade to WebSocket done), nothing sent yet. */
    static RawWebSocket open(TestBroker broker) {
        return new RawWebSocket(broker);
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    void sendText(String text) {
        socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The next binary message from the broker. */
    byte[] nextBinary(Duration within) throws InterruptedException {
        byte[] b = binary.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(b, "expected a binary message within " + within);
        return b;
    }

    /** The close status the broker sent (-1: closed without a close frame), or null if still open. */
    Integer awaitClosed(Duration within) {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {

        private ByteBuffer partial = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(partial.remaining() + data.remaining());
            joined.put(partial).put(data).flip();
            partial = joined;
            if (last) {
                byte[] message = new byte[partial.remaining()];
                partial.get(message);
                binary.add(message);
                partial = ByteBuffer.allocate(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
