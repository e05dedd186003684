package io.starling.it.v5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.starling.it.TestBroker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A second connection with the same client id takes the session over (MQTT 5 §3.1.4). */
class SessionTakeoverIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    @Test
    void takenOverConnectionIsClosedAndTheNewOneWorks() {
        try (RawMqttClient old = RawMqttClient.connectV5(broker, "takeover-works", V5Props.none());
                RawMqttClient current = RawMqttClient.connectV5(broker, "takeover-works", V5Props.none())) {
            List<MqttMessage> beforeClose = old.awaitClose();
            // a DISCONNECT before the close is allowed (and checked by the next test), nothing else
            assertTrue(beforeClose.stream().allMatch(m -> m.fixedHeader().messageType() == MqttMessageType.DISCONNECT),
                    () -> "only a DISCONNECT may precede the close: " + beforeClose);

            current.subscribe(V5Packets.subscribe(1, "takeover/works", MqttQoS.AT_MOST_ONCE));
            current.send(V5Packets.publish("takeover/works", MqttQoS.AT_MOST_ONCE, 0, "still here", V5Props.none()));
            assertEquals("still here", V5Packets.text(current.nextPublish()));
        }
    }

    @Test
    void takenOverConnectionReceivesDisconnectWithReason0x8E() {
        // MQTT 5 §4.13 / reason code table: 0x8E "Session taken over"
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 closes the old connection without a DISCONNECT");
        try (RawMqttClient old = RawMqttClient.connectV5(broker, "takeover-8e", V5Props.none());
                RawMqttClient current = RawMqttClient.connectV5(broker, "takeover-8e", V5Props.none())) {
            MqttReasonCodeAndPropertiesVariableHeader disconnect = old.awaitDisconnectAndClose();
            assertEquals(0x8E, disconnect.reasonCode() & 0xff);
            current.assertNothingReceived();
        }
    }
}
