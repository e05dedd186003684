package io.starling.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.WsSendBinaryActionBuilder;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Duration;
import java.util.function.Function;

/**
 * The MQTT steps of a virtual user over one WebSocket (sub-protocol {@code mqtt}), named
 * {@code "<label>: <step>"} in the report so that each scenario's requests stand apart.
 *
 * <p>Every send is also a request in Gatling's report (always OK, 0 ms); the checks that follow a
 * send are the requests that measure and can fail.
 */
final class MqttSteps {

    /** How long a single expected packet (CONNACK, SUBACK, PUBACK, ...) may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("timeout", 10));

    private final String label;
    private final BrokerTarget target;

    MqttSteps(String label, BrokerTarget target) {
        this.label = label;
        this.target = target;
    }

    String name(String step) {
        return label + ": " + step;
    }

    /** Opens the WebSocket and sends CONNECT (clean session); CONNACK must accept it. */
    ChainBuilder connect(Function<Session, String> clientId) {
        return exec(
                exec(session -> session.set(MqttChecks.PACKET_ID, 0)),
                ws(name("WebSocket open")).connect(target.path()).subprotocol("mqtt"),
                ws(name("CONNECT")).sendBytes(session -> MqttPackets.connect(clientId.apply(session), 60))
                        .await(TIMEOUT).on(MqttChecks.connack(name("CONNACK"))));
    }

    /** A SUBSCRIBE with the next packet identifier; the caller adds the checks (SUBACK first). */
    ChainBuilder nextPacketId() {
        return exec(session -> session.set(MqttChecks.PACKET_ID, session.getInt(MqttChecks.PACKET_ID) % 65535 + 1));
    }

    WsSendBinaryActionBuilder subscribe(Function<Session, String> topicFilter, MqttQoS qos) {
        return ws(name("SUBSCRIBE")).sendBytes(session ->
                MqttPackets.subscribe(session.getInt(MqttChecks.PACKET_ID), topicFilter.apply(session), qos));
    }

    /** SUBSCRIBE and wait for its SUBACK. */
    ChainBuilder subscribeAndAwait(Function<Session, String> topicFilter, MqttQoS qos) {
        return exec(nextPacketId(), subscribe(topicFilter, qos).await(TIMEOUT).on(MqttChecks.suback(name("SUBACK"))));
    }

    /** A QoS 1 PUBLISH with the next packet identifier; the caller adds the checks (PUBACK). */
    WsSendBinaryActionBuilder publishQos1(String step, Function<Session, String> topic, boolean retain,
            Function<Session, String> payload) {
        return ws(name(step)).sendBytes(session -> MqttPackets.publish(topic.apply(session), MqttQoS.AT_LEAST_ONCE,
                retain, session.getInt(MqttChecks.PACKET_ID), payload.apply(session)));
    }

    /** A QoS 1 PUBLISH that must be acknowledged (check named {@code "<label>: PUBACK"}). */
    ChainBuilder publishQos1AndAwait(Function<Session, String> topic, boolean retain, Function<Session, String> payload) {
        return exec(nextPacketId(),
                publishQos1("PUBLISH", topic, retain, payload).await(TIMEOUT).on(MqttChecks.puback(name("PUBACK"))));
    }

    /** PINGREQ; PINGRESP must come back. */
    ChainBuilder ping() {
        return exec(ws(name("PINGREQ")).sendBytes(MqttPackets.pingreq()).await(TIMEOUT).on(MqttChecks.pingresp(name("PINGRESP"))));
    }

    /**
     * DISCONNECT. The broker then closes the connection (MQTT 3.1.1, 3.14.4), and Gatling closes
     * whatever is left of it when the virtual user ends. No WebSocket close of our own: it would
     * race the broker's close and often fail as "Premature close".
     */
    ChainBuilder disconnect() {
        return exec(ws(name("DISCONNECT")).sendBytes(MqttPackets.disconnect()));
    }
}
