package io.starling.it.raw;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One MQTT control packet as read from the wire: the packet type (upper nibble of the first
 * byte), the flags (lower nibble) and the bytes after the remaining-length field.
 */
public record RawPacket(int type, int flags, byte[] body) {

    public static final int CONNECT = 1;
    public static final int CONNACK = 2;
    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int PUBREC = 5;
    public static final int PUBREL = 6;
    public static final int PUBCOMP = 7;
    public static final int SUBSCRIBE = 8;
    public static final int SUBACK = 9;
    public static final int UNSUBSCRIBE = 10;
    public static final int UNSUBACK = 11;
    public static final int PINGREQ = 12;
    public static final int PINGRESP = 13;
    public static final int DISCONNECT = 14;

    /** CONNACK: the connect return code (0 accepted, 1 bad protocol level, 2 identifier rejected...). */
    public int connackReturnCode() {
        requireType(CONNACK);
        return body[1] & 0xFF;
    }

    /** CONNACK: the session present flag (MQTT 3.1.1). */
    public boolean sessionPresent() {
        requireType(CONNACK);
        return (body[0] & 0x01) != 0;
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK: the packet identifier. */
    public int packetId() {
        return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }

    /** SUBACK: the granted QoS (or 0x80 failure) of the first topic filter. */
    public int firstGrantedQos() {
        requireType(SUBACK);
        return body[2] & 0xFF;
    }

    public RawPublish publish() {
        requireType(PUBLISH);
        int qos = (flags >> 1) & 0x03;
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
        int pos = 2 + topicLength;
        int packetId = 0;
        if (qos > 0) {
            packetId = ((body[pos] & 0xFF) << 8) | (body[pos + 1] & 0xFF);
            pos += 2;
        }
        byte[] payload = Arrays.copyOfRange(body, pos, body.length);
        return new RawPublish(topic, payload, qos, (flags & 0x01) != 0, (flags & 0x08) != 0, packetId);
    }

    private void requireType(int expected) {
        if (type != expected) {
            throw new AssertionError("expected packet type " + expected + " but got " + this);
        }
    }

    @Override
    public String toString() {
        return "RawPacket[type=" + type + ", flags=" + flags + ", length=" + body.length + "]";
    }
}
