package io.starling.listen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Cuts the byte stream into whole MQTT packets (fixed header + Remaining Length bytes) before
 * Netty's {@code MqttDecoder} sees them, and checks that each packet decodes to exactly one
 * message. Without it, a packet whose inner lengths run past its end (a topic length of 9 in a
 * 5-byte packet) leaves the decoder waiting for bytes that belong to the next packet, and the
 * connection hangs instead of being closed as malformed.
 */
final class PacketFramer extends ByteToMessageDecoder {

    /** Counts the messages the MQTT decoder produced; the channel handler increments it. */
    static final class DecodedCount {
        int value;
    }

    private final int maxPacketSize;
    private final DecodedCount decoded;
    private boolean failed;

    PacketFramer(int maxPacketSize, DecodedCount decoded) {
        this.maxPacketSize = maxPacketSize;
        this.decoded = decoded;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 2) {
            int start = in.readerIndex();
            long remaining = 0;
            int multiplier = 1;
            int index = start + 1;
            boolean complete = false;
            for (int i = 0; i < 4 && index < in.writerIndex(); i++, index++) {
                byte digit = in.getByte(index);
                remaining += (digit & 0x7F) * (long) multiplier;
                multiplier *= 128;
                if ((digit & 0x80) == 0) {
                    complete = true;
                    index++;
                    break;
                }
                if (i == 3) {
                    fail(ctx, in, new DecoderException("remaining length longer than four bytes"));
                    return;
                }
            }
            if (!complete) {
                return; // the length is not all here yet
            }
            long total = (index - start) + remaining;
            if (total > maxPacketSize) {
                fail(ctx, in, new TooLongFrameException("packet of " + total + " bytes exceeds " + maxPacketSize));
                return;
            }
            if (in.readableBytes() < total) {
                return;
            }
            int before = decoded.value;
            ctx.fireChannelRead(in.readRetainedSlice((int) total));
            if (decoded.value == before && ctx.channel().isActive()) {
                fail(ctx, in, new DecoderException("packet contents run past its Remaining Length"));
                return;
            }
        }
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, DecoderException cause) {
        failed = true;
        in.skipBytes(in.readableBytes());
        ctx.fireExceptionCaught(cause);
    }
}
