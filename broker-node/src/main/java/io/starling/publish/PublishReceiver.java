package io.starling.publish;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.starling.auth.Access;
import io.starling.deliver.AckPackets;
import io.starling.deliver.Connection;
import io.starling.mqtt.Message;
import io.starling.mqtt.ReasonCodes;
import io.starling.mqtt.Topics;
import io.starling.retain.RetainedMessages;
import io.starling.route.Router;
import io.starling.sys.Metrics;
import io.starling.route.PendingAck;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of one session's PUBLISH handshakes (MQTT 4.3): resolves topic aliases,
 * checks the packet, stores retained changes, hands the message to the router and acknowledges
 * it. QoS 2 uses method B of the spec: the message is routed on PUBLISH and its packet id is
 * remembered until PUBREL, so a resent PUBLISH with DUP is not routed twice.
 *
 * <p>Owned by one session actor: not thread-safe.
 */
public final class PublishReceiver {

    private static final Logger log = LoggerFactory.getLogger(PublishReceiver.class);

    private final Router router;
    private final ControlEndpoints control;
    private final RetainedMessages retained;
    private final PublishLimits limits;
    private final Metrics metrics;
    private final String clientId;
    /** QoS 2 packet ids routed and awaiting PUBREL: session state, kept across reconnects. */
    private final Set<Integer> awaitingRelease = new HashSet<>();
    /** QoS 2 packet ids of $CONTROL requests awaiting PUBREL: answered, never routed nor recorded. */
    private final Set<Integer> unroutedAwaitingRelease = new HashSet<>();
    /**
     * Acknowledgements held until their message is recorded, in the order the PUBLISH packets
     * arrived: MQTT 4.6 wants PUBACK/PUBREC in that order.
     */
    private final ArrayDeque<HeldAck> held = new ArrayDeque<>(1); // small: most clients hold none for long
    /** Tells the session actor, from any thread, that a held acknowledgement may go. */
    private final Consumer<HeldAck> recordedElsewhere;
    /** Topic aliases the client registered: connection state. */
    private final Map<Integer, String> aliases = new HashMap<>();
    private int topicAliasMaximum;
    private Qos2Recorder qos2Recorder = Qos2Recorder.NONE;

    /** One acknowledgement waiting for its message to be recorded. */
    public static final class HeldAck {
        private final MqttMessage packet;
        private boolean recorded;

        private HeldAck(MqttMessage packet) {
            this.packet = packet;
        }
    }

    public PublishReceiver(Router router, RetainedMessages retained, ControlEndpoints control, PublishLimits limits,
            Metrics metrics, String clientId, Consumer<HeldAck> recordedElsewhere) {
        this.control = control;
        this.recordedElsewhere = recordedElsewhere;
        this.router = router;
        this.retained = retained;
        this.limits = limits;
        this.metrics = metrics;
        this.clientId = clientId;
    }

    /**
     * A new network connection: aliases start again.
     *
     * @param topicAliasMaximum aliases the client may register on this connection
     */
    public void connectionStarted(int topicAliasMaximum) {
        aliases.clear();
        held.clear(); // the client resends what it did not see acknowledged
        this.topicAliasMaximum = topicAliasMaximum;
    }

    /** From now on, QoS 2 handshakes are recorded there (persistent sessions). */
    public void recordTo(Qos2Recorder recorder) {
        qos2Recorder = recorder;
    }

    /** The QoS 2 packet ids awaiting PUBREL, to record a session's whole state once. */
    public Set<Integer> awaitingRelease() {
        return Set.copyOf(awaitingRelease);
    }

    /** A restarted node: the QoS 2 handshakes the session had recorded. */
    public void restoreAwaitingRelease(java.util.Collection<Integer> packetIds) {
        awaitingRelease.addAll(packetIds);
    }

    /** Clean start: forget the QoS 2 handshakes of the previous session. */
    public void clear() {
        awaitingRelease.clear();
        unroutedAwaitingRelease.clear();
        aliases.clear();
    }

    /**
     * Handles one PUBLISH. Returns false when the packet broke the protocol; the connection has
     * then been closed (with a DISCONNECT reason for MQTT 5).
     */
    public boolean onPublish(Connection connection, InboundPublish publish) {
        metrics.publishReceived.increment();
        String topic = resolveTopic(connection, publish);
        if (topic == null) {
            return false;
        }
        if (!Topics.isValidTopicName(topic)) {
            log.info("Client {} ({}) published to invalid topic '{}': disconnecting",
                    clientId, connection.remoteAddress(), topic);
            connection.disconnect(ReasonCodes.TOPIC_NAME_INVALID, "invalid topic name");
            return false;
        }
        if (publish.retain() && !limits.retainAvailable()) {
            connection.disconnect(ReasonCodes.RETAIN_NOT_SUPPORTED, "retain is not available");
            return false;
        }
        if (!connection.access().allows(topic, Access.WRITE)) {
            denied(connection, topic, publish);
            return true;
        }
        if (ControlEndpoints.isControlTopic(topic)) {
            control(connection, topic, publish);
            return true;
        }
        if (publish.qos() == 2 && awaitingRelease.contains(publish.packetId())) {
            // a resend of a message already routed: acknowledge again, do not route twice
            connection.send(AckPackets.of(MqttMessageType.PUBREC, publish.packetId(), ReasonCodes.SUCCESS));
            return true;
        }
        if (publish.qos() == 2 && awaitingRelease.size() >= limits.receiveMaximum()) {
            connection.disconnect(ReasonCodes.RECEIVE_MAXIMUM_EXCEEDED, "receive maximum exceeded");
            return false;
        }
        if (publish.qos() == 0) {
            route(connection, topic, publish, PendingAck.NONE);
            return true;
        }
        HeldAck[] heldAck = new HeldAck[1];
        PendingAck ack = new PendingAck(() -> recordedElsewhere.accept(heldAck[0]));
        byte reason = route(connection, topic, publish, ack);
        if (publish.qos() == 2 && (reason & 0x80) == 0) {
            awaitingRelease.add(publish.packetId());
            qos2Recorder.received(publish.packetId(), ack);
        }
        MqttMessageType type = publish.qos() == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        heldAck[0] = new HeldAck(AckPackets.of(type, publish.packetId(), reason));
        held.addLast(heldAck[0]);
        heldAck[0].recorded = ack.release();
        sendRecordedAcks(connection);
        return true;
    }

    /**
     * A request to one of the broker's APIs: handed to its endpoint, never routed, and
     * acknowledged at once (QoS 2 as a completed exchange: nothing is remembered for PUBREL).
     */
    private void control(Connection connection, String topic, InboundPublish publish) {
        ControlEndpoints.Endpoint endpoint = control.find(topic);
        if (endpoint != null) {
            endpoint.handle(new ControlEndpoints.ControlRequest(clientId, connection.access().username(),
                    publish.payload())).whenComplete((response, failure) -> {
                        if (failure != null) {
                            log.warn("{} failed for client {}", topic, clientId, failure);
                        } else if (response != null) {
                            router.publish(Message.of(topic + "/response", 0, false, response), PendingAck.NONE);
                        }
                    });
        }
        acknowledgeUnrouted(connection, publish, ReasonCodes.SUCCESS);
    }

    /**
     * The ACL denies the client this topic: the message is dropped silently, as in Mosquitto 2.0;
     * QoS 1/2 are acknowledged, with "not authorized" for MQTT 5 clients (3.1.1 has no way to say it).
     */
    private void denied(Connection connection, String topic, InboundPublish publish) {
        metrics.publishDenied.increment();
        log.debug("Denied PUBLISH from {} (q{}, r{}, '{}', {} bytes)",
                clientId, publish.qos(), publish.retain() ? 1 : 0, topic, publish.payload().length);
        acknowledgeUnrouted(connection, publish, ReasonCodes.NOT_AUTHORIZED);
    }

    /**
     * PUBACK/PUBREC for a message that was not routed: nothing to record, but it still waits for
     * the acknowledgements before it (MQTT 4.6). A successful PUBREC expects a PUBREL, answered
     * with a successful PUBCOMP.
     */
    private void acknowledgeUnrouted(Connection connection, InboundPublish publish, byte reason) {
        if (publish.qos() == 0) {
            return;
        }
        MqttMessageType type = publish.qos() == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        if (publish.qos() == 2 && reason == ReasonCodes.SUCCESS) {
            unroutedAwaitingRelease.add(publish.packetId());
        }
        HeldAck ack = new HeldAck(AckPackets.of(type, publish.packetId(), reason));
        ack.recorded = true;
        held.addLast(ack);
        sendRecordedAcks(connection);
    }

    /** A held acknowledgement's message is now recorded (called on the session's thread). */
    public void recorded(Connection connection, HeldAck ack) {
        ack.recorded = true;
        sendRecordedAcks(connection);
    }

    private void sendRecordedAcks(Connection connection) {
        while (!held.isEmpty() && held.peekFirst().recorded) {
            connection.send(held.pollFirst().packet);
        }
    }

    /** PUBREL: the QoS 2 handshake ends with PUBCOMP. */
    public void onPubRel(Connection connection, int packetId) {
        boolean known = awaitingRelease.remove(packetId);
        if (known) {
            qos2Recorder.released(packetId);
        } else {
            known = unroutedAwaitingRelease.remove(packetId);
        }
        byte reason = known ? ReasonCodes.SUCCESS : ReasonCodes.PACKET_IDENTIFIER_NOT_FOUND;
        connection.send(AckPackets.of(MqttMessageType.PUBCOMP, packetId, reason));
    }

    /** Publishes a message that did not come from a PUBLISH packet (a will). */
    public void publishWill(Message will) {
        publishWill(will, PendingAck.NONE);
    }

    /** A will whose recording (by durable sessions, the retained store) someone waits for. */
    public void publishWill(Message will, PendingAck recorded) {
        if (will.retain() && limits.retainAvailable()) {
            retained.update(will, recorded);
        }
        router.publish(will, recorded);
    }

    private byte route(Connection connection, String topic, InboundPublish publish, PendingAck ack) {
        if (limits.messageSizeLimit() > 0 && publish.payload().length > limits.messageSizeLimit()) {
            log.info("Dropped too large PUBLISH from {} ({} bytes)", clientId, publish.payload().length);
            return ReasonCodes.PACKET_TOO_LARGE;
        }
        long expiresAt = publish.expirySeconds() < 0 ? 0 : System.currentTimeMillis() + publish.expirySeconds() * 1000;
        Message message = new Message(
                topic, publish.qos(), publish.retain(), publish.payload(), publish.properties(), expiresAt, clientId);
        if (message.retain()) {
            retained.update(message, ack);
        }
        int receivers = router.publish(message, ack, connection.throttle());
        return receivers == 0 ? ReasonCodes.NO_MATCHING_SUBSCRIBERS : ReasonCodes.SUCCESS;
    }

    private String resolveTopic(Connection connection, InboundPublish publish) {
        int alias = publish.topicAlias();
        if (alias == 0) {
            return publish.topic();
        }
        if (alias > topicAliasMaximum) {
            connection.disconnect(ReasonCodes.TOPIC_ALIAS_INVALID, "topic alias above maximum");
            return null;
        }
        if (!publish.topic().isEmpty()) {
            aliases.put(alias, publish.topic());
            return publish.topic();
        }
        String topic = aliases.get(alias);
        if (topic == null) {
            connection.disconnect(ReasonCodes.PROTOCOL_ERROR, "unknown topic alias");
        }
        return topic;
    }
}
