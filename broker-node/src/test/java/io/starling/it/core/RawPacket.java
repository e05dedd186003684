package io.starling.it.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One MQTT control packet as read from the wire: the packet type (upper nibble of the first
 * byte), the flags (lower nibble) and the bytes after the remaining-length field.
 */
record RawPacket(int type, int flags, byte[] body) {

    static final int CONNECT = 1;
    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int PUBREC = 5;
    static final int PUBREL = 6;
    static final int PUBCOMP = 7;
    static final int SUBSCRIBE = 8;
    static final int SUBACK = 9;
    static final int UNSUBSCRIBE = 10;
    static final int UNSUBACK = 11;
    static final int PINGREQ = 12;
    static final int PINGRESP = 13;
    static final int DISCONNECT = 14;

    /** CONNACK: the connect return code (0 accepted, 1 bad protocol level, 2 identifier rejected...). */
    int connackReturnCode() {
        requireType(CONNACK);
        return body[1] & 0xFF;
    }

    /** CONNACK: the session present flag (MQTT 3.1.1). */
    boolean sessionPresent() {
        requireType(CONNACK);
        return (body[0] & 0x01) != 0;
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK: the packet identifier. */
    int packetId() {
        return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }

    /** SUBACK: the granted QoS (or 0x80 failure) of the first topic filter. */
    int firstGrantedQos() {
        requireType(SUBACK);
        return body[2] & 0xFF;
    }

    RawPublish publish() {
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
