package io.starling.publish;

import io.starling.route.PendingAck;

/**
 * Where a persistent session records the QoS 2 messages it received and has not seen PUBREL for,
 * so that after a restart a resent PUBLISH (DUP) is recognised and not routed a second time.
 */
public interface Qos2Recorder {

    /**
     * A QoS 2 message was routed; its PUBREC waits for {@code ack}, which the recorder holds (it
     * calls {@code expect()} now and {@code done()} once the fact is recorded).
     */
    void received(int packetId, PendingAck ack);

    /** PUBREL arrived: the handshake is over. */
    void released(int packetId);

    /** Records nothing: sessions that do not outlive their connection, or {@code persistence false}. */
    Qos2Recorder NONE = new Qos2Recorder() {
        @Override
        public void received(int packetId, PendingAck ack) {
        }

        @Override
        public void released(int packetId) {
        }
    };
}
