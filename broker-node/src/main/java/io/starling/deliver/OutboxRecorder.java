package io.starling.deliver;

/**
 * Told by an {@link Outbox} of every change to its QoS 1/2 messages, so a persistent session can
 * record them. QoS 0 messages are never told: they are not kept across a restart.
 *
 * <p>The outbox sends its QoS 1/2 messages strictly oldest first, so {@link #sent} and
 * {@link #discarded} always mean the oldest queued one.
 */
public interface OutboxRecorder {

    /** A QoS 1/2 message entered the queue, at the end (it may be sent at once: then {@link #sent} follows). */
    void queued(Outgoing outgoing);

    /** The oldest queued QoS 1/2 message went in flight with this packet identifier. */
    void sent(int packetId);

    /** The oldest queued QoS 1/2 message was dropped instead (it expired). */
    void discarded();

    /** The in-flight message with this packet identifier is done. */
    void acknowledged(int packetId);

    /** PUBREC for this in-flight QoS 2 message; PUBREL is due. */
    void pubrecReceived(int packetId);

    /** Records nothing. */
    OutboxRecorder NONE = new OutboxRecorder() {
        @Override
        public void queued(Outgoing outgoing) {
        }

        @Override
        public void sent(int packetId) {
        }

        @Override
        public void discarded() {
        }

        @Override
        public void acknowledged(int packetId) {
        }

        @Override
        public void pubrecReceived(int packetId) {
        }
    };
}
