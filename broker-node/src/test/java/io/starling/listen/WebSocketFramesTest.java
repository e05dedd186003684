package io.starling.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Binary frames in as MQTT bytes, MQTT bytes out as binary frames, text frames refused. */
class WebSocketFramesTest {

    private static EmbeddedChannel upgraded() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocketFrames());
        channel.pipeline().fireUserEventTriggered(handshakeComplete());
        return channel;
    }

    private static HandshakeComplete handshakeComplete() {
        return new HandshakeComplete("/mqtt", new DefaultHttpHeaders(), "mqtt");
    }

    private static String readText(EmbeddedChannel channel) {
        ByteBuf b = channel.readInbound();
        try {
            return b.toString(StandardCharsets.US_ASCII);
        } finally {
            b.release();
        }
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void binaryAndContinuationFramesGoInwardsAsTheirBytes() {
        EmbeddedChannel channel = upgraded();

        channel.writeInbound(new BinaryWebSocketFrame(false, 0, ascii("ab")));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, ascii("cd")));

        assertEquals("ab", readText(channel));
        assertEquals("cd", readText(channel));
        assertNull(channel.readInbound());
    }

    @Test
    void bytesWrittenByTheMqttEncoderGoOutAsOneBinaryFrame() {
        EmbeddedChannel channel = upgraded();

        channel.writeOutbound(ascii("\u00d0\u0000"));

        BinaryWebSocketFrame frame = assertInstanceOf(BinaryWebSocketFrame.class, channel.readOutbound());
        assertTrue(frame.isFinalFragment());
        assertEquals(2, frame.content().readableBytes());
        frame.release();
    }

    @Test
    void textFrameIsAnsweredWithCloseStatus1003AndTheChannelCloses() {
        EmbeddedChannel channel = upgraded();

        // both in one read: the close is under way when the binary frame comes
        channel.writeInbound(new TextWebSocketFrame("\u0010\u000c"), new BinaryWebSocketFrame(ascii("later")));

        CloseWebSocketFrame close = assertInstanceOf(CloseWebSocketFrame.class, channel.readOutbound());
        assertEquals(1003, close.statusCode());
        close.release();
        assertNull(channel.readInbound(), "nothing reaches MQTT, not even later frames");
        assertFalse(channel.isOpen());
    }

    @Test
    void framesBeforeTheHandshakeCompletesWaitForItInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocketFrames());

        channel.writeInbound(new BinaryWebSocketFrame(ascii("first")));
        channel.writeInbound(new BinaryWebSocketFrame(ascii("second")));
        assertNull(channel.readInbound(), "held until the 101 is written");

        channel.pipeline().fireUserEventTriggered(handshakeComplete());

        assertEquals("first", readText(channel));
        assertEquals("second", readText(channel));
        assertNull(channel.readInbound(), "the handshake event itself stays here");
    }

    @Test
    void framesHeldWhenTheChannelClosesAreReleased() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocketFrames());
        BinaryWebSocketFrame frame = new BinaryWebSocketFrame(ascii("never upgraded"));

        channel.writeInbound(frame.retain());
        channel.close();

        assertEquals(1, frame.refCnt(), "only the test's own reference is left");
        frame.release();
    }
}
