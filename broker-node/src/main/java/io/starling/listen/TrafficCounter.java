package io.starling.listen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.starling.sys.Metrics;

/** Counts the bytes every connection reads and writes ($SYS/broker/load/bytes/...). Shared by all channels. */
@ChannelHandler.Sharable
final class TrafficCounter extends ChannelDuplexHandler {

    private final Metrics metrics;

    TrafficCounter(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            metrics.bytesReceived.add(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            metrics.bytesSent.add(buf.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
