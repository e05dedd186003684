package io.starling.listen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an HTTP request on a websockets listener that is not a WebSocket upgrade for MQTT with an
 * HTTP error and closes the connection, so a browser or {@code curl} pointed at the port gets a
 * reason instead of a hang. A good upgrade request goes on to Netty's WebSocket handshake, and this
 * handler leaves the pipeline: after it, only WebSocket frames flow.
 *
 * <p>Like Mosquitto, any path is accepted ({@code /mqtt} is the usual one). A request naming
 * subprotocols must name one of {@link WebSocketPipeline#SUBPROTOCOLS}; Mosquitto drops such a
 * connection too. A request naming none is served (Netty then answers without a subprotocol).
 */
final class UpgradeRequestCheck extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(UpgradeRequestCheck.class);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        HttpResponseStatus refusal = refusal(request);
        if (refusal != null) {
            log.info("Refused HTTP request from {} ({} {}): {}.",
                    ctx.channel().remoteAddress(), request.method(), request.uri(), refusal);
            ReferenceCountUtil.release(request);
            ctx.writeAndFlush(response(ctx, refusal)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(request);
    }

    /** Why the request cannot become an MQTT WebSocket, as an HTTP status; null if it can. */
    static HttpResponseStatus refusal(FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpHeaderException) {
                return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            }
            if (cause instanceof TooLongHttpLineException) {
                return HttpResponseStatus.REQUEST_URI_TOO_LONG;
            }
            return cause instanceof TooLongFrameException
                    ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE : HttpResponseStatus.BAD_REQUEST;
        }
        boolean upgrade = request.method().equals(HttpMethod.GET)
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                // an absolute or "*" target would slip past the handshake's path check
                && request.uri().startsWith("/");
        if (!upgrade) {
            return HttpResponseStatus.BAD_REQUEST;
        }
        String asked = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (asked != null && Arrays.stream(asked.split(",")).map(String::trim).noneMatch(offered()::contains)) {
            return HttpResponseStatus.BAD_REQUEST;
        }
        return null;
    }

    private static Set<String> offered() {
        return Set.of(WebSocketPipeline.SUBPROTOCOLS.split(","));
    }

    private static FullHttpResponse response(ChannelHandlerContext ctx, HttpResponseStatus status) {
        String text = status.code() == 400
                ? "This is an MQTT over WebSocket listener: connect with an MQTT client"
                        + " (WebSocket subprotocol mqtt).\n"
                : status + "\n";
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), text);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
