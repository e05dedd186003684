package io.starling.it.core;

import io.starling.it.TestBroker;
import java.time.Duration;

/**
 * How long after the last packet a silent client may still be connected: 1.5 x keepalive, plus
 * some lateness for the broker's timer.
 *
 * <p>Mosquitto 2.0.11 looks for expired keepalives only every six seconds or so, in whole
 * seconds: it was seen closing keepalive-1 s and 2 s clients anywhere between 2.6 s and 5.9 s,
 * and could take up to about 1.5 x keepalive + 7 s. Starling is held to one second of lateness;
 * Mosquitto, used only to check the tests, gets seven.
 */
final class KeepAliveDeadline {

    private KeepAliveDeadline() {
    }

    /** 1.5 x keepalive: the broker must not close the connection before this. */
    static Duration earliest(int keepAliveSeconds) {
        return Duration.ofMillis(keepAliveSeconds * 1500L);
    }

    /** The broker must have closed the connection by then. */
    static Duration latest(TestBroker broker, int keepAliveSeconds) {
        return earliest(keepAliveSeconds).plusSeconds(broker.isMosquitto() ? 7 : 1);
    }
}
