package io.starling.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * The local addresses connections are made from. One source address has only the ephemeral
 * port range (about 28 000 ports here) to connect from, so many idle connections are spread
 * round-robin over several loopback addresses (on Linux all of 127.0.0.0/8 is loopback, no set-up
 * needed). Empty: the operating system picks, as for any client.
 */
record SourceAddresses(List<String> addresses) {

    static final SourceAddresses ANY = new SourceAddresses(List.of());
    private static final int MAX_COUNT = 254;

    SourceAddresses {
        addresses = List.copyOf(addresses);
    }

    /**
     * A comma-separated list of IPv4 loopback literals ("127.0.0.2,127.0.0.3"), or a count N that
     * means 127.0.0.1 .. 127.0.0.N.
     */
    static SourceAddresses parse(String text) {
        String t = text.trim();
        if (t.matches("\\d+")) {
            int n = Integer.parseInt(t);
            if (n < 1 || n > MAX_COUNT) {
                throw new IllegalArgumentException("--source-addresses count must be 1.." + MAX_COUNT + ", got " + n);
            }
            List<String> list = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                list.add("127.0.0." + i);
            }
            return new SourceAddresses(list);
        }
        List<String> list = new ArrayList<>();
        for (String part : t.split(",")) {
            String a = part.trim();
            if (!a.matches("\\d{1,3}(\\.\\d{1,3}){3}") || !LoopbackHost.isLoopback(a)) {
                throw new IllegalArgumentException("--source-addresses takes IPv4 loopback addresses (127.x.y.z) or a count, got '"
                        + a + "'");
            }
            if (list.contains(a)) {
                throw new IllegalArgumentException("--source-addresses lists " + a + " twice");
            }
            list.add(a);
        }
        return new SourceAddresses(list);
    }

    boolean isAny() {
        return addresses.isEmpty();
    }

    /** The address connection number {@code i} binds to; null to let the operating system choose. */
    String forConnection(int i) {
        return addresses.isEmpty() ? null : addresses.get(Math.floorMod(i, addresses.size()));
    }

    String label() {
        return addresses.isEmpty() ? "any" : String.join(",", addresses);
    }
}
