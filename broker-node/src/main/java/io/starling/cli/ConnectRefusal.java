package io.starling.cli;

import java.util.Map;

/** What a CONNACK's refusal code means, in MQTT 3.1/3.1.1 return codes or MQTT 5 reason codes. */
final class ConnectRefusal {

    private static final Map<Integer, String> V3 = Map.of(
            1, "unacceptable protocol version",
            2, "client identifier rejected",
            3, "server unavailable",
            4, "bad user name or password",
            5, "not authorized");

    private static final Map<Integer, String> V5 = Map.of(
            0x80, "unspecified error",
            0x84, "unsupported protocol version",
            0x85, "client identifier not valid",
            0x86, "bad user name or password",
            0x87, "not authorized",
            0x88, "server unavailable",
            0x89, "server busy",
            0x8A, "banned",
            0x9F, "connection rate exceeded");

    /** libmosquitto's words for MQTT 3.1/3.1.1 return codes (mosquitto_connack_string). */
    private static final Map<Integer, String> MOSQUITTO_V3 = Map.of(
            1, "Connection Refused: unacceptable protocol version.",
            2, "Connection Refused: identifier rejected.",
            3, "Connection Refused: broker unavailable.",
            4, "Connection Refused: bad user name or password.",
            5, "Connection Refused: not authorised.");

    /** libmosquitto's words for MQTT 5 reason codes (mosquitto_reason_string). */
    private static final Map<Integer, String> MOSQUITTO_V5 = Map.of(
            0x80, "Unspecified error",
            0x84, "Unsupported protocol version",
            0x85, "Client identifier not valid",
            0x86, "Bad user name or password",
            0x87, "Not authorized",
            0x88, "Server unavailable",
            0x89, "Server busy",
            0x8A, "Banned",
            0x9F, "Connection rate exceeded");

    private ConnectRefusal() {
    }

    static String describe(int protocolLevel, int code) {
        String text = (protocolLevel == 5 ? V5 : V3).get(code);
        return (text != null ? text : "refused") + String.format(" (code 0x%02X)", code);
    }

    /** What mosquitto_ctrl prints for a refused connection. */
    static String asMosquittoCtrl(int protocolLevel, int code) {
        if (protocolLevel == 5) {
            String text = MOSQUITTO_V5.getOrDefault(code, "Unknown reason");
            return "Connection error: " + text
                    + (code == 0x84 ? ". Try connecting to an MQTT v5 broker, or use MQTT v3.x mode." : "");
        }
        return "Connection error: " + MOSQUITTO_V3.getOrDefault(code, "Connection Refused: unknown reason.");
    }
}
