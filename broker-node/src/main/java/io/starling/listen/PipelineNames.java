package io.starling.listen;

/**
 * The name of every handler in a client channel's pipeline, in order from the socket inwards. A
 * TLS listener's channel starts with {@link #TLS}; a websockets listener's then has the
 * HTTP/WebSocket handlers ({@link WebSocketPipeline});
 * from {@link #TRAFFIC} on, every channel has the same MQTT handlers.
 */
public final class PipelineNames {

    private PipelineNames() {
    }

    /** TLS listeners only (TLS and WSS): Netty's {@code SslHandler}, first, at the socket. */
    public static final String TLS = "tls";
    /** TLS listeners only: a failed handshake or TLS error closes that connection, logged with the client's address. */
    public static final String TLS_FAILURES = "tlsFailures";

    /** Websockets listeners only: HTTP requests until the upgrade, then replaced by Netty's {@code wsdecoder}. */
    public static final String HTTP_DECODER = "httpDecoder";
    /** Websockets listeners only: HTTP responses until the upgrade; Netty's {@code wsencoder} then takes over. */
    public static final String HTTP_ENCODER = "httpEncoder";
    /** Websockets listeners only, until the upgrade: one whole HTTP request. */
    public static final String HTTP_AGGREGATOR = "httpAggregator";
    /** Websockets listeners only, until the upgrade: answers requests that are no MQTT WebSocket upgrade. */
    public static final String UPGRADE_CHECK = "upgradeCheck";
    /** Websockets listeners only: the handshake, then ping, pong and close frames. */
    public static final String WEBSOCKET = "webSocket";
    /** Websockets listeners only: binary frames in, MQTT bytes out, and back. */
    public static final String WEBSOCKET_FRAMES = "webSocketFrames";

    /** Counts bytes in and out for $SYS (MQTT bytes: for WebSocket clients without the framing, as in Mosquitto). */
    public static final String TRAFFIC = "traffic";
    /** Turns the flush after every write of a burst into one flush per burst. */
    public static final String FLUSH = "flushConsolidation";
    /** Closes a connection that sends no CONNECT in time, later enforces keep alive (1.5x). */
    public static final String IDLE = "idle";
    /** Cuts the stream into whole packets and catches packets the decoder cannot finish. */
    public static final String FRAMER = "packetFramer";
    public static final String DECODER = "mqttDecoder";
    public static final String ENCODER = "mqttEncoder";
    /** The channel side of the session: CONNECT handling and hand-over to the session actor. */
    public static final String MQTT = "mqtt";
}
