package io.starling.it.v5;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Packets encoded by hand, byte by byte, for input a codec refuses to produce: wildcard topic
 * names, QoS 3, wrong protocol names and levels, lengths that lie.
 */
public final class PacketBytes {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private PacketBytes() {
    }

    /** A packet body to fill; {@link #packet} puts the fixed header in front. */
    public static PacketBytes body() {
        return new PacketBytes();
    }

    /** A UTF-8 string with its two-byte length prefix. */
    public PacketBytes string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return uint16(b.length).raw(b);
    }

    public PacketBytes uint16(int v) {
        body.write(v >> 8);
        body.write(v & 0xff);
        return this;
    }

    public PacketBytes uint8(int v) {
        body.write(v);
        return this;
    }

    /** MQTT 5 properties as given (already encoded), preceded by their variable-byte length. */
    public PacketBytes properties(byte... encoded) {
        return raw(varInt(encoded.length)).raw(encoded);
    }

    public PacketBytes raw(byte... bytes) {
        body.writeBytes(bytes);
        return this;
    }

    /** The whole packet: first byte, remaining length as a variable byte integer, body. */
    public byte[] packet(int firstByte) {
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        out.writeBytes(varInt(b.length));
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** MQTT's variable byte integer: 7 bits a byte, high bit = more bytes follow. */
    public static byte[] varInt(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int digit = value % 128;
            value /= 128;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return out.toByteArray();
    }

    /** An MQTT 5 PUBLISH at QoS 0 with no properties, whatever the topic. */
    public static byte[] publishV5(String topic, String payload) {
        return body().string(topic).properties().raw(payload.getBytes(StandardCharsets.UTF_8)).packet(0x30);
    }

    /**
     * A CONNECT with this protocol name and level and a minimal body: clean start, keep alive 60,
     * client id {@code clientId}, an empty property block only when {@code level == 5}.
     */
    public static byte[] connect(String protocolName, int level, String clientId) {
        PacketBytes b = body().string(protocolName).uint8(level).uint8(0x02).uint16(60);
        if (level == 5) {
            b.properties();
        }
        return b.string(clientId).packet(0x10);
    }
}
