package io.starling.it.core;

import io.starling.it.TestBroker;
import java.time.Duration;

/**
 * How long after the last packet a silent client may still be connected: 1.5 x keepalive, plus
 * some lateness for the broker's timer.
 *
 * <p>Mosquitto 2.0.11 checks keepalives in its main loop, which sleeps for seconds when idle: it
 * was seen closing a keepalive-1 s client anywhere between 2.6 s and 5.8 s. Starling is held to
 * one second of lateness; Mosquitto, used only to check the tests, gets five.
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
        return earliest(keepAliveSeconds).plusSeconds(broker.isMosquitto() ? 5 : 1);
    }
}
