package io.starling.loadtest;

/**
 * The QoS 1 messages a publisher has sent and not yet seen PUBACKed, by packet identifier.
 *
 * <p>Keeping at most {@code capacity} of them outstanding is what lets the broker's
 * acknowledgements, not the generator, set the pace. Not thread-safe (one per publisher, used
 * on its event loop).
 */
final class PublishWindow {

    private static final int MAX_PACKET_ID = 65_535;

    private final boolean[] inUse = new boolean[MAX_PACKET_ID + 1];
    private int capacity;
    private int inFlight;
    private int nextId = 1;

    PublishWindow(int capacity) {
        if (capacity < 1 || capacity > MAX_PACKET_ID) {
            throw new IllegalArgumentException("window must be 1.." + MAX_PACKET_ID + ", got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The broker may allow fewer (MQTT 5 Receive Maximum): never exceed what it announced. */
    void limitTo(int brokerReceiveMaximum) {
        if (brokerReceiveMaximum >= 1) {
            capacity = Math.min(capacity, brokerReceiveMaximum);
        }
    }

    int capacity() {
        return capacity;
    }

    int inFlight() {
        return inFlight;
    }

    boolean hasRoom() {
        return inFlight < capacity;
    }

    /** A free packet identifier, now in flight; 0 when the window is full. */
    int acquire() {
        if (!hasRoom()) {
            return 0;
        }
        for (int tries = 0; tries < MAX_PACKET_ID; tries++) {
            int id = nextId;
            nextId = id == MAX_PACKET_ID ? 1 : id + 1;
            if (!inUse[id]) {
                inUse[id] = true;
                inFlight++;
                return id;
            }
        }
        return 0;
    }

    /** Frees an acknowledged identifier; false if it was not in flight (a stray PUBACK). */
    boolean release(int packetId) {
        if (packetId < 1 || packetId > MAX_PACKET_ID || !inUse[packetId]) {
            return false;
        }
        inUse[packetId] = false;
        inFlight--;
        return true;
    }
}
