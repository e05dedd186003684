package io.starling.it.raw;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes MQTT 3.1 / 3.1.1 control packets byte by byte, as the specification lays them out. */
public final class RawPackets {

    private RawPackets() {
    }

    public static byte[] connect(RawConnect c) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, c.protocolName());
        body.write(c.protocolLevel());
        int flags = 0;
        if (c.cleanSession()) {
            flags |= 0x02;
        }
        if (c.willTopic() != null) {
            flags |= 0x04 | (c.willQos() << 3) | (c.willRetain() ? 0x20 : 0);
        }
        if (c.username() != null) {
            flags |= 0x80;
        }
        body.write(flags);
        body.write(c.keepAliveSeconds() >> 8);
        body.write(c.keepAliveSeconds() & 0xFF);
        writeString(body, c.clientId());
        if (c.willTopic() != null) {
            writeString(body, c.willTopic());
            writeBytes(body, c.willPayload());
        }
        if (c.username() != null) {
            writeString(body, c.username());
        }
        return packet(RawPacket.CONNECT << 4, body.toByteArray());
    }

    public static byte[] subscribe(int packetId, String filter, int qos) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeId(body, packetId);
        writeString(body, filter);
        body.write(qos);
        // SUBSCRIBE's fixed header flags are 0010 (reserved, required by the spec)
        return packet((RawPacket.SUBSCRIBE << 4) | 0x02, body.toByteArray());
    }

    public static byte[] publish(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        if (qos > 0) {
            writeId(body, packetId);
        }
        body.writeBytes(payload);
        int header = (RawPacket.PUBLISH << 4) | (dup ? 0x08 : 0) | (qos << 1) | (retain ? 0x01 : 0);
        return packet(header, body.toByteArray());
    }

    public static byte[] puback(int packetId) {
        return ack(RawPacket.PUBACK << 4, packetId);
    }

    public static byte[] pubrec(int packetId) {
        return ack(RawPacket.PUBREC << 4, packetId);
    }

    /** PUBREL's fixed header flags are 0010 (reserved, required by the spec). */
    public static byte[] pubrel(int packetId) {
        return ack((RawPacket.PUBREL << 4) | 0x02, packetId);
    }

    public static byte[] pubcomp(int packetId) {
        return ack(RawPacket.PUBCOMP << 4, packetId);
    }

    public static byte[] pingreq() {
        return new byte[] {(byte) (RawPacket.PINGREQ << 4), 0};
    }

    public static byte[] disconnect() {
        return new byte[] {(byte) (RawPacket.DISCONNECT << 4), 0};
    }

    private static byte[] ack(int header, int packetId) {
        return new byte[] {(byte) header, 2, (byte) (packetId >> 8), (byte) packetId};
    }

    private static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        // remaining length: 7 bits per byte, high bit set while more bytes follow
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    private static void writeId(ByteArrayOutputStream out, int packetId) {
        out.write(packetId >> 8);
        out.write(packetId & 0xFF);
    }
}
