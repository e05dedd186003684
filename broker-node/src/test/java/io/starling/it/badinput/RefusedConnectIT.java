package io.starling.it.badinput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.TestBroker;
import io.starling.it.v5.PacketBytes;
import io.starling.it.v5.RawMqttClient;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connections that never get as far as an accepted CONNECT: the broker answers at most with a
 * refusing CONNACK, closes, and every other client carries on.
 */
class RefusedConnectIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    /** Sends {@code bytes} on a fresh connection and returns all the broker sent until it closed. */
    private static byte[] replyUntilClosed(byte[] bytes) {
        try (RawMqttClient c = RawMqttClient.open(broker)) {
            c.sendBytes(bytes);
            return c.awaitCloseRaw();
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    @Test
    void packetBeforeConnectClosesTheConnectionWithoutAnyReply() {
        // MQTT-3.1.0-1: the first packet must be CONNECT; no CONNACK, and no DISCONNECT before a
        // CONNACK (MQTT-3.14.0-1)
        byte[][] notConnect = {
            PacketBytes.body().string("before/connect").raw((byte) 'x').packet(0x30), // PUBLISH
            {(byte) 0xc0, 0x00}, // PINGREQ
            PacketBytes.body().uint16(1).string("before/connect").uint8(0).packet(0x82), // SUBSCRIBE
        };
        try (Bystander other = Bystander.connect(broker, "rc-before-other")) {
            for (byte[] packet : notConnect) {
                byte[] reply = replyUntilClosed(packet);
                assertEquals("", hex(reply), "reply to " + hex(packet));
            }
            other.assertStillWorks();
        }
    }

    @Test
    void wrongProtocolNameIsNotAccepted() {
        // MQTT-3.1.2-1: with a wrong protocol name the server MAY close at once; it must not accept
        try (Bystander other = Bystander.connect(broker, "rc-name-other")) {
            for (int level : new int[] {4, 5}) {
                byte[] reply = replyUntilClosed(PacketBytes.connect("MQTX", level, "rc-name-" + level));
                if (reply.length > 0) {
                    assertTrue(reply.length >= 4 && reply[0] == 0x20, "only a CONNACK may answer: " + hex(reply));
                    assertNotEquals(0, reply[3], "the CONNACK refuses: " + hex(reply));
                }
            }
            other.assertStillWorks();
        }
    }

    @Test
    void protocolLevelAboveFiveIsRefusedWithUnsupportedProtocolVersion() {
        // An unknown future level: an MQTT 3.1.1-shaped CONNACK with return code 0x01, or an
        // MQTT 5-shaped one with reason 0x84 (§3.1.2.2) - the client's level says neither
        try (Bystander other = Bystander.connect(broker, "rc-level6-other")) {
            byte[] reply = replyUntilClosed(PacketBytes.connect("MQTT", 6, "rc-level6"));
            assertTrue(reply.length >= 4 && reply[0] == 0x20, () -> "a CONNACK: " + hex(reply));
            int remainingLength = reply[1];
            int code = reply[3] & 0xff;
            assertTrue(remainingLength == 2 && code == 0x01 || remainingLength >= 3 && code == 0x84,
                    () -> "CONNACK refusing the level: " + hex(reply));
            other.assertStillWorks();
        }
    }

    @Test
    void protocolLevelBelowThreeIsRefusedWithReturnCode1() {
        // MQTT-3.1.2-2 (3.1.1): an unsupported level gets return code 0x01, then the connection closes
        try (Bystander other = Bystander.connect(broker, "rc-level2-other")) {
            byte[] reply = replyUntilClosed(PacketBytes.connect("MQTT", 2, "rc-level2"));
            assertArrayEquals(new byte[] {0x20, 0x02, 0x00, 0x01}, reply, () -> "reply " + hex(reply));
            other.assertStillWorks();
        }
    }
}
