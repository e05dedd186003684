package io.starling.session;

import io.starling.deliver.Connection;
import java.util.ArrayDeque;

/**
 * The packets of a session's current connection kept, in order, while a lagging subscriber holds
 * the client back (back-pressure, see {@link io.starling.route.flow.Throttle}). At most one socket
 * read's worth: the socket is not read meanwhile. Owned by the session actor: not thread-safe.
 */
final class HeldBackPackets {

    private final ArrayDeque<SessionActor.Command> packets = new ArrayDeque<>(1); // grows only under back-pressure

    /** Keeps a PUBLISH while the client is held back, or while packets before it wait. */
    boolean keeps(SessionActor.Publish publish, Connection current) {
        if (publish.connection() != current || packets.isEmpty() && !current.throttle().isCongested()) {
            return false;
        }
        packets.addLast(publish);
        return true;
    }

    /** Keeps any other packet behind the PUBLISH packets it followed. */
    boolean keeps(SessionActor.Packet packet, Connection current) {
        if (packet.connection() != current || packets.isEmpty()) {
            return false;
        }
        packets.addLast(packet);
        return true;
    }

    /**
     * The next packet to handle, or null when none is left or the client is held back again;
     * {@code all} hands out everything (the connection is ending: they are the last it sent).
     */
    SessionActor.Command next(Connection current, boolean all) {
        if (packets.isEmpty() || !all && current != null && current.throttle().isCongested()) {
            return null;
        }
        return packets.pollFirst();
    }

    /** A taken-over connection's unhandled packets go with it, like bytes left in its socket. */
    void drop() {
        for (SessionActor.Command held : packets) {
            if (held instanceof SessionActor.Publish publish) {
                publish.connection().throttle().publishHandled();
            }
        }
        packets.clear();
    }
}
