package io.starling.listen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seam between WebSocket and MQTT: the payload of each binary frame (and of its continuation
 * frames) goes inwards as plain bytes, and every buffer the MQTT encoder writes goes out as one
 * binary frame. MQTT over WebSocket is a byte stream in binary frames: a frame may hold part of a
 * packet or several packets (MQTT 5 §6), which the packet framer behind this handler sorts out, so
 * the MQTT handlers are the same for TCP and WebSocket clients.
 *
 * <p>A text frame closes the connection (MQTT-6.0.0-1), with close status 1003. Ping, pong and
 * close frames never get here: Netty's WebSocket protocol handler answers them.
 *
 * <p>Frames that arrive before the handshake's 101 response is written (sent by a client in the
 * same breath as its upgrade request, which RFC 6455 does not allow but happens) wait here until
 * the handshake is complete, so no answer to them can overtake the 101.
 */
final class WebSocketFrames extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(WebSocketFrames.class);

    private boolean upgraded;
    /** A text frame came: the connection is closing, later frames are dropped. */
    private boolean refused;
    /** Frames read before the upgrade completed; at most what came with the upgrade request. */
    private final List<Object> early = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!upgraded && msg instanceof WebSocketFrame) {
            early.add(msg);
            return;
        }
        if (refused && msg instanceof WebSocketFrame) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
            // the payload takes over the frame's reference
            ctx.fireChannelRead(((WebSocketFrame) msg).content());
        } else if (msg instanceof TextWebSocketFrame) {
            ReferenceCountUtil.release(msg);
            refused = true;
            log.info("Client {} sent a WebSocket text frame; MQTT needs binary frames: closing.",
                    ctx.channel().remoteAddress());
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE,
                    "MQTT needs binary frames")).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete done) {
            log.debug("WebSocket connection from {} on {} (subprotocol {}).",
                    ctx.channel().remoteAddress(), done.requestUri(), done.selectedSubprotocol());
            upgraded = true;
            for (Object frame : early) {
                channelRead(ctx, frame);
            }
            early.clear();
            ctx.fireChannelReadComplete();
            return; // the MQTT handlers need not know
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf bytes ? new BinaryWebSocketFrame(bytes) : msg, promise);
    }
}
