package io.starling.loadtest;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The generator only ever talks to the machine it runs on: a load test pointed at someone
 * else's broker is an attack, not a benchmark.
 */
final class LoopbackHost {

    private LoopbackHost() {
    }

    /** True for "localhost" and loopback address literals (127.0.0.0/8, ::1); names are never resolved. */
    static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ipv4 = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = literal.matches("[0-9A-Fa-f:.]+") && literal.contains(":");
        if (!ipv4 && !ipv6) {
            return false;
        }
        try {
            // an address literal is parsed, not looked up
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
