package io.starling.loadtest;

import java.util.Locale;

/** Why the wait for in-transit messages after publishing ended. */
enum DrainEnd {
    /** Every expected delivery arrived (and every QoS 1 message was acknowledged). */
    COMPLETE,
    /** Nothing arrived for a while: what is missing is lost. */
    QUIET,
    /** {@code --drain} ran out while messages were still arriving: "lost" includes late ones. */
    TIME_LIMIT;

    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
