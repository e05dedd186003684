package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void decodedPayloadCarriesRunPublisherSequenceAndSendTime() {
        ByteBuf buf = Unpooled.buffer();
        new Payload(0x1234, 7, 123_456_789_012L, -42L).writeTo(buf, 64);

        assertEquals(new Payload(0x1234, 7, 123_456_789_012L, -42L), Payload.readFrom(buf));
    }

    @Test
    void payloadIsPaddedToTheRequestedSize() {
        ByteBuf buf = Unpooled.buffer();
        new Payload(9, 1, 2, 3).writeTo(buf, 1000);

        assertEquals(1000, buf.readableBytes());
        assertEquals(0, buf.getByte(999));
    }

    @Test
    void payloadOfExactlyTheHeaderSizeRoundTrips() {
        ByteBuf buf = Unpooled.buffer();
        new Payload(9, 0, 0, 5).writeTo(buf, Payload.HEADER_BYTES);

        assertEquals(Payload.HEADER_BYTES, buf.readableBytes());
        assertEquals(new Payload(9, 0, 0, 5), Payload.readFrom(buf));
    }

    @Test
    void readingLeavesTheBufferUntouched() {
        ByteBuf buf = Unpooled.buffer();
        new Payload(9, 1, 2, 3).writeTo(buf, 40);

        Payload.readFrom(buf);

        assertEquals(0, buf.readerIndex());
        assertEquals(40, buf.readableBytes());
    }

    @Test
    void payloadSizeBelowTheHeaderIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Payload(9, 1, 2, 3).writeTo(Unpooled.buffer(), Payload.HEADER_BYTES - 1));
    }

    @Test
    void tooShortPayloadIsNotALoadTestMessage() {
        assertThrows(IllegalArgumentException.class, () -> Payload.readFrom(Unpooled.wrappedBuffer(new byte[10])));
    }

    @Test
    void payloadWithoutTheMagicIsNotALoadTestMessage() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes("hello, this is somebody else's message".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThrows(IllegalArgumentException.class, () -> Payload.readFrom(buf));
    }
}
