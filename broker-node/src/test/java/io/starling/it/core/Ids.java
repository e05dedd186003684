package io.starling.it.core;

import java.util.concurrent.atomic.AtomicInteger;

/** Client ids and topics unique within a run, so tests sharing one broker never see each other. */
final class Ids {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Ids() {
    }

    /** {@code prefix-N}: short enough for MQTT 3.1's 23-character client id limit when prefix is short. */
    static String unique(String prefix) {
        return prefix + "-" + NEXT.incrementAndGet();
    }
}
