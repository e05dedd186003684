package io.starling.listen;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The handlers a websockets listener puts in front of the MQTT handlers: HTTP until the client's
 * upgrade request is accepted, then WebSocket frames turned into the MQTT byte stream.
 *
 * <p>On the upgrade, Netty's handshake replaces {@link PipelineNames#HTTP_DECODER} by its frame
 * decoder ({@code wsdecoder}), puts its frame encoder ({@code wsencoder}) in place of
 * {@link PipelineNames#HTTP_ENCODER} and drops {@link PipelineNames#HTTP_AGGREGATOR};
 * {@link UpgradeRequestCheck} removes itself. A separate HTTP decoder, not an
 * {@code HttpServerCodec}, because the handshake replaces it at once: bytes a client sends right
 * behind its upgrade request then reach the frame decoder instead of being parsed as HTTP.
 */
final class WebSocketPipeline {

    /** What MQTT clients ask for: {@code mqtt}, and {@code mqttv3.1} from MQTT 3.1 clients (Paho's old ones). */
    static final String SUBPROTOCOLS = "mqtt,mqttv3.1";
    /** HTTP header bytes of an upgrade request when {@code websockets_headers_size} is unset. */
    static final int DEFAULT_HEADERS_SIZE = 8192;
    /** An upgrade request has no body; this only bounds what a wrong request may make us buffer. */
    private static final int MAX_REQUEST_BODY = 65536;
    /** Frames below this are always accepted, even under a small {@code max_packet_size}. */
    private static final int MIN_FRAME_LIMIT = 65536;

    private WebSocketPipeline() {
    }

    /**
     * Adds the HTTP and WebSocket handlers at the socket end of {@code pipeline}, before any
     * handler already there.
     *
     * @param headersSize    most bytes of headers in the upgrade request; 0 = the default
     * @param maxPacketSize  the MQTT packet limit, which also bounds a frame (Netty buffers a whole frame)
     */
    static void addFirst(ChannelPipeline pipeline, int headersSize, int maxPacketSize) {
        WebSocketServerProtocolConfig webSocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true) // any path, as in Mosquitto
                .subprotocols(SUBPROTOCOLS)
                .maxFramePayloadLength(Math.max(MIN_FRAME_LIMIT, maxPacketSize))
                .withUTF8Validator(false) // a text frame closes the connection anyway
                .build();
        pipeline.addFirst(PipelineNames.WEBSOCKET_FRAMES, new WebSocketFrames())
                .addFirst(PipelineNames.WEBSOCKET, new WebSocketServerProtocolHandler(webSocket))
                .addFirst(PipelineNames.UPGRADE_CHECK, new UpgradeRequestCheck())
                .addFirst(PipelineNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_REQUEST_BODY))
                .addFirst(PipelineNames.HTTP_ENCODER, new HttpResponseEncoder())
                .addFirst(PipelineNames.HTTP_DECODER, new HttpRequestDecoder(new HttpDecoderConfig()
                        .setMaxHeaderSize(headersSize > 0 ? headersSize : DEFAULT_HEADERS_SIZE)));
    }
}
