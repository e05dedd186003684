package io.starling.deliver;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.starling.auth.Access;
import io.starling.sys.Metrics;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one session sends towards its client: the one outbound path for online and offline
 * clients alike. A message is enqueued; it is written when the client is connected, its socket is
 * writable and (QoS 1/2) the in-flight window has room; otherwise it waits in a bounded queue.
 *
 * <p>This is also where each message is checked against what the client may read (its ACL), as
 * it is about to go out: with the rules of the client's current connection, at that moment.
 *
 * <p>Owned by one session actor: not thread-safe. Packet identifiers are allocated here and the
 * in-flight QoS 1/2 messages are resent with DUP when the client comes back (MQTT 4.4): the
 * broker does not retry on a live connection.
 */
public final class Outbox {

    private enum Phase { AWAIT_PUBACK, AWAIT_PUBREC, AWAIT_PUBCOMP }

    private static final class InFlight {
        final Outgoing outgoing;
        Phase phase;

        InFlight(Outgoing outgoing, Phase phase) {
            this.outgoing = outgoing;
            this.phase = phase;
        }
    }

    private final Metrics metrics;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>(1); // small at first: an idle client queues nothing
    private final Map<Integer, InFlight> inflight = new LinkedHashMap<>();
    private OutboundLimits limits;
    private Connection connection;
    private OutboundTopicAliases aliases;
    private long queuedBytes;
    private int nextPacketId = 1;
    private long sent;
    private OutboxRecorder recorder = OutboxRecorder.NONE;

    public Outbox(OutboundLimits offlineLimits, Metrics metrics) {
        this.limits = offlineLimits;
        this.metrics = metrics;
    }

    /** From now on, tell {@code newRecorder} of every change to the QoS 1/2 messages. */
    public void recordTo(OutboxRecorder newRecorder) {
        recorder = newRecorder;
    }

    /**
     * Tells {@code to} the outbox's QoS 1/2 messages as if they were enqueued and sent now, so a
     * journal that starts recording an existing session gets its whole state.
     */
    public void replayTo(OutboxRecorder to) {
        for (Map.Entry<Integer, InFlight> entry : inflight.entrySet()) {
            to.queued(entry.getValue().outgoing);
            to.sent(entry.getKey());
            if (entry.getValue().phase == Phase.AWAIT_PUBCOMP) {
                to.pubrecReceived(entry.getKey());
            }
        }
        for (Outgoing queued : queue) {
            if (queued.qos() > 0) {
                to.queued(queued);
            }
        }
    }

    /** Brings back an in-flight message of a session read from its journal (before any attach). */
    public void restoreInflight(int packetId, Outgoing outgoing, boolean pubrecReceived) {
        Phase phase = pubrecReceived ? Phase.AWAIT_PUBCOMP
                : outgoing.qos() == 1 ? Phase.AWAIT_PUBACK : Phase.AWAIT_PUBREC;
        inflight.put(packetId, new InFlight(outgoing, phase));
    }

    /** Brings back a queued message of a session read from its journal, after those brought back before. */
    public void restoreQueued(Outgoing outgoing) {
        queue.addLast(outgoing);
        queuedBytes += outgoing.message().sizeInBytes();
        metrics.queuedMessages.increment();
    }

    /** A client (re)connected: resend what is in flight, then drain the queue. */
    public void attach(Connection newConnection, OutboundLimits newLimits) {
        connection = newConnection;
        limits = newLimits;
        aliases = new OutboundTopicAliases(newConnection.isMqtt5() ? newLimits.topicAliasMaximum() : 0);
        for (Map.Entry<Integer, InFlight> entry : inflight.entrySet()) {
            InFlight f = entry.getValue();
            if (f.phase == Phase.AWAIT_PUBCOMP) {
                connection.send(AckPackets.of(MqttMessageType.PUBREL, entry.getKey(), (byte) 0));
            } else {
                write(f.outgoing, entry.getKey(), true);
            }
        }
        drain();
    }

    /** The client went away; in-flight and queued messages stay for a persistent session. */
    public void detach() {
        connection = null;
        aliases = null;
    }

    /** Clean start or session end: forget everything. */
    public void clear() {
        metrics.queuedMessages.add(-queue.size());
        queue.clear();
        inflight.clear();
        queuedBytes = 0;
    }

    public void enqueue(Outgoing outgoing) {
        if (connection == null && outgoing.qos() == 0 && !limits.queueQos0Offline()) {
            return; // Mosquitto's default (queue_qos0_messages false): QoS 0 is not kept for offline clients
        }
        if (queue.isEmpty() && canSend(outgoing)) {
            if (outgoing.qos() > 0) {
                recorder.queued(outgoing);
            }
            send(outgoing);
            return;
        }
        if (isFull(outgoing) && !(outgoing.qos() > 0 && dropOldestQos0())) {
            metrics.droppedMessages.increment();
            return;
        }
        if (outgoing.qos() > 0) {
            recorder.queued(outgoing);
        }
        queue.addLast(outgoing);
        queuedBytes += outgoing.message().sizeInBytes();
        metrics.queuedMessages.increment();
        // no drain here: a queue is only non-empty while the socket is full or the window is
        // closed, and the Writable notice or the next acknowledgement drains it
    }

    /** Sends queued messages while the socket is writable and the window has room. */
    public void drain() {
        while (!queue.isEmpty() && canSend(queue.peekFirst())) {
            Outgoing next = queue.pollFirst();
            queuedBytes -= next.message().sizeInBytes();
            metrics.queuedMessages.decrement();
            send(next);
        }
    }

    /** PUBACK for a QoS 1 message. Returns false for an unknown packet identifier. */
    public boolean acknowledged(int packetId) {
        InFlight f = inflight.get(packetId);
        if (f == null || f.phase != Phase.AWAIT_PUBACK) {
            return false;
        }
        inflight.remove(packetId);
        recorder.acknowledged(packetId);
        drain();
        return true;
    }

    /** PUBREC for a QoS 2 message: answer PUBREL, or end the exchange on an error reason code. */
    public boolean received(int packetId, boolean failed) {
        InFlight f = inflight.get(packetId);
        if (f == null) {
            return false;
        }
        if (failed) {
            inflight.remove(packetId);
            recorder.acknowledged(packetId);
            drain();
            return true;
        }
        if (f.phase != Phase.AWAIT_PUBCOMP) {
            recorder.pubrecReceived(packetId);
        }
        f.phase = Phase.AWAIT_PUBCOMP;
        if (connection != null) {
            connection.send(AckPackets.of(MqttMessageType.PUBREL, packetId, (byte) 0));
        }
        return true;
    }

    /** PUBCOMP: the QoS 2 exchange is over. */
    public boolean completed(int packetId) {
        InFlight f = inflight.get(packetId);
        if (f == null || f.phase != Phase.AWAIT_PUBCOMP) {
            return false;
        }
        inflight.remove(packetId);
        recorder.acknowledged(packetId);
        drain();
        return true;
    }

    public int queuedCount() {
        return queue.size();
    }

    public int inflightCount() {
        return inflight.size();
    }

    /** PUBLISH packets written since the outbox was made: progress, for back-pressure. */
    public long sentCount() {
        return sent;
    }

    private boolean canSend(Outgoing outgoing) {
        if (connection == null || !connection.isWritable()) {
            return false;
        }
        return outgoing.qos() == 0 || inflight.size() < limits.sendWindow();
    }

    private void send(Outgoing outgoing) {
        long now = System.currentTimeMillis();
        if (outgoing.message().isExpired(now)) {
            metrics.expiredMessages.increment();
            if (outgoing.qos() > 0) {
                recorder.discarded();
            }
            return;
        }
        if (!connection.access().allows(outgoing.message().topic(), Access.READ)) {
            // Mosquitto 2.0 grants every SUBSCRIBE and checks each delivery: hidden, not an error
            if (outgoing.qos() > 0) {
                recorder.discarded();
            }
            return;
        }
        int packetId = 0;
        if (outgoing.qos() > 0) {
            packetId = allocatePacketId();
            inflight.put(packetId, new InFlight(outgoing, outgoing.qos() == 1 ? Phase.AWAIT_PUBACK : Phase.AWAIT_PUBREC));
            recorder.sent(packetId);
        }
        if (!write(outgoing, packetId, false) && packetId != 0) {
            inflight.remove(packetId); // too large for this client: dropped as if delivered (MQTT 5 §3.1.2.11.4)
            recorder.acknowledged(packetId);
        }
    }

    /** Writes one PUBLISH; returns false when it exceeds the client's Maximum Packet Size. */
    private boolean write(Outgoing outgoing, int packetId, boolean dup) {
        boolean mqtt5 = connection.isMqtt5();
        OutboundTopicAliases.Use use = aliases.use(outgoing.message().topic());
        if (limits.maxPacketSize() > 0) {
            long size = PublishPackets.encodedSize(outgoing, mqtt5, use.topic(), use.alias());
            if (size > limits.maxPacketSize()) {
                metrics.droppedMessages.increment();
                return false;
            }
        }
        connection.send(PublishPackets.publish(
                outgoing, packetId, dup, mqtt5, use.topic(), use.alias(), System.currentTimeMillis()));
        metrics.publishSent.increment();
        sent++;
        return true;
    }

    private boolean isFull(Outgoing outgoing) {
        return (limits.maxQueuedMessages() > 0 && queue.size() >= limits.maxQueuedMessages())
                || (limits.maxQueuedBytes() > 0
                        && queuedBytes + outgoing.message().sizeInBytes() > limits.maxQueuedBytes());
    }

    /** Makes room for a QoS 1/2 message by dropping the oldest queued QoS 0 one. */
    private boolean dropOldestQos0() {
        for (Iterator<Outgoing> it = queue.iterator(); it.hasNext(); ) {
            Outgoing queued = it.next();
            if (queued.qos() == 0) {
                it.remove();
                queuedBytes -= queued.message().sizeInBytes();
                metrics.queuedMessages.decrement();
                metrics.droppedMessages.increment();
                return true;
            }
        }
        return false;
    }

    private int allocatePacketId() {
        while (true) {
            int candidate = nextPacketId;
            nextPacketId = nextPacketId == 65535 ? 1 : nextPacketId + 1;
            if (!inflight.containsKey(candidate)) {
                return candidate;
            }
        }
    }
}
