package io.starling.loadtest.gatling;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The broker under test: its MQTT-over-WebSocket endpoint from the system properties {@code host}
 * (default 127.0.0.1), {@code port} (9001) and {@code path} (/mqtt). Only loopback hosts are
 * accepted: load goes to this machine alone.
 */
record BrokerTarget(String host, int port, String path) {

    static BrokerTarget fromProperties() {
        String host = System.getProperty("host", "127.0.0.1");
        int port = Integer.parseInt(System.getProperty("port", "9001"));
        String path = System.getProperty("path", "/mqtt");
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException("host " + host + " is not a loopback address; the suite only loads this machine");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
        return new BrokerTarget(host, port, path.startsWith("/") ? path : "/" + path);
    }

    /**
     * Gatling's HTTP protocol, used here only for WebSockets. Unmatched inbound frames are kept
     * (up to a large bound) because the request/response responder reads its requests from that
     * buffer; Gatling empties it on every send.
     */
    HttpProtocolBuilder protocol() {
        return http.wsBaseUrl("ws://" + host + ":" + port)
                .disableWarmUp()
                .wsUnmatchedInboundMessageBufferSize(100_000);
    }
}
