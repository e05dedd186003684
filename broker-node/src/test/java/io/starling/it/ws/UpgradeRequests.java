package io.starling.it.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Hand-made HTTP requests to a websockets listener (plain or TLS), for the tests of what a listener
 * does with an upgrade request no WebSocket client library would send.
 */
public final class UpgradeRequests {

    /** More than any HTTP error answer: a broker still sending after this never closes. */
    private static final int MAX_ANSWER = 1 << 20;

    private UpgradeRequests() {
    }

    /**
     * A valid WebSocket upgrade request for {@code /mqtt} (subprotocol mqtt) but for one extra
     * header, {@code X-Padding}, whose value is {@code paddingBytes} long: headers beyond a
     * listener's {@code websockets_headers_size}.
     */
    public static byte[] withPadding(int paddingBytes) {
        return ("GET /mqtt HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: mqtt\r\nX-Padding: " + "p".repeat(paddingBytes) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends {@code request} on {@code socket} and returns everything the broker answers until it
     * closes the connection; fails if it is still open after {@code wait}. A broker that closes
     * while the request is still being written (a reset) counts as closed.
     */
    public static String sendAndReadUntilClosed(Socket socket, byte[] request, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            return ""; // closed by the broker before it had the whole request
        }
        return readUntilClosed(socket.getInputStream(), wait);
    }

    /** Everything the broker sends until it closes the connection; fails if it stays open past {@code wait}. */
    public static String readUntilClosed(InputStream in, Duration wait) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            // each read is bounded by the socket's timeout, the loop by a byte budget
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                got.write(buffer, 0, n);
                if (got.size() > MAX_ANSWER) {
                    throw new AssertionError("still sending after " + got.size() + " bytes");
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + wait + "; got: " + got, e);
        } catch (IOException e) {
            // reset by the broker: closed too
        }
        return got.toString(StandardCharsets.US_ASCII);
    }
}
