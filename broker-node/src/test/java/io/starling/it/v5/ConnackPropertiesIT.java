package io.starling.it.v5;

import static io.netty.handler.codec.mqtt.MqttProperties.ASSIGNED_CLIENT_IDENTIFIER;
import static io.netty.handler.codec.mqtt.MqttProperties.AUTHENTICATION_METHOD;
import static io.netty.handler.codec.mqtt.MqttProperties.MAXIMUM_PACKET_SIZE;
import static io.netty.handler.codec.mqtt.MqttProperties.REASON_STRING;
import static io.netty.handler.codec.mqtt.MqttProperties.RECEIVE_MAXIMUM;
import static io.netty.handler.codec.mqtt.MqttProperties.REQUEST_RESPONSE_INFORMATION;
import static io.netty.handler.codec.mqtt.MqttProperties.RESPONSE_INFORMATION;
import static io.netty.handler.codec.mqtt.MqttProperties.RETAIN_AVAILABLE;
import static io.netty.handler.codec.mqtt.MqttProperties.SERVER_KEEP_ALIVE;
import static io.netty.handler.codec.mqtt.MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE;
import static io.netty.handler.codec.mqtt.MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE;
import static io.netty.handler.codec.mqtt.MqttProperties.TOPIC_ALIAS_MAXIMUM;
import static io.netty.handler.codec.mqtt.MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.starling.it.TestBroker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the broker tells an MQTT 5 client in CONNACK, and how that follows mosquitto.conf. */
class ConnackPropertiesIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("""
                max_keepalive 60
                max_inflight_messages 20
                max_packet_size 100000
                max_topic_alias 5
                retain_available false
                """);

    private static MqttProperties connackProperties(String clientId, V5Props props) {
        try (RawMqttClient c = RawMqttClient.open(broker)) {
            MqttConnAckMessage ack = c.connect(V5Packets.connect(clientId, true, props));
            assertEquals(0, ack.variableHeader().connectReturnCode().byteValue(), "CONNACK reason code");
            return ack.variableHeader().properties();
        }
    }

    @Test
    void emptyClientIdIsGivenAnAssignedClientIdentifier() {
        String first = V5Props.string(connackProperties("", V5Props.none()), ASSIGNED_CLIENT_IDENTIFIER);
        String second = V5Props.string(connackProperties("", V5Props.none()), ASSIGNED_CLIENT_IDENTIFIER);
        assertNotNull(first, "Assigned Client Identifier");
        assertFalse(first.isEmpty(), "Assigned Client Identifier is not empty");
        assertNotEquals(first, second, "each connection gets its own identifier");
    }

    @Test
    void clientIdChosenByTheClientIsNotReassigned() {
        assertNull(V5Props.string(connackProperties("connack-own-id", V5Props.none()), ASSIGNED_CLIENT_IDENTIFIER));
    }

    @Test
    void keepAliveAboveMaxKeepaliveIsLoweredByServerKeepAlive() {
        try (RawMqttClient c = RawMqttClient.open(broker)) {
            MqttConnAckMessage ack = c.connect(
                    V5Packets.connectBuilder("connack-keepalive", true, V5Props.none()).keepAlive(120).build());
            assertEquals(60, V5Props.integer(ack.variableHeader().properties(), SERVER_KEEP_ALIVE));
        }
    }

    @Test
    void keepAliveWithinMaxKeepaliveIsKept() {
        // connectBuilder asks for 60 s, exactly max_keepalive: absent or 60 both mean "use yours"
        Integer serverKeepAlive = V5Props.integer(connackProperties("connack-keepalive-ok", V5Props.none()),
                SERVER_KEEP_ALIVE);
        assertTrue(serverKeepAlive == null || serverKeepAlive == 60, "Server Keep Alive " + serverKeepAlive);
    }

    @Test
    void receiveMaximumIsMaxInflightMessages() {
        assertEquals(20, V5Props.integer(connackProperties("connack-rm", V5Props.none()), RECEIVE_MAXIMUM));
    }

    @Test
    void maximumPacketSizeIsMaxPacketSize() {
        assertEquals(100000, V5Props.integer(connackProperties("connack-mps", V5Props.none()), MAXIMUM_PACKET_SIZE));
    }

    @Test
    void topicAliasMaximumIsMaxTopicAlias() {
        assertEquals(5, V5Props.integer(connackProperties("connack-tam", V5Props.none()), TOPIC_ALIAS_MAXIMUM));
    }

    @Test
    void retainUnavailableIsAdvertisedAndARetainedPublishIsRefused() {
        try (RawMqttClient c = RawMqttClient.open(broker)) {
            MqttConnAckMessage ack = c.connect(V5Packets.connect("connack-retain", true, V5Props.none()));
            assertEquals(0, V5Props.integer(ack.variableHeader().properties(), RETAIN_AVAILABLE));
            // MQTT 5 §3.3.1.3: a retained PUBLISH when Retain Available is 0 is answered with 0x9A
            c.send(V5Packets.publish("connack/retain", MqttQoS.AT_MOST_ONCE, true, 0, HiveClients.utf8("r"),
                    V5Props.none()));
            assertEquals(0x9A, c.awaitDisconnectAndClose().reasonCode() & 0xff);
        }
    }

    @Test
    void wildcardSharedAndIdentifierSubscriptionsAreAvailable() {
        MqttProperties props = connackProperties("connack-features", V5Props.none());
        // absent means available (MQTT 5 §3.2.2.3.11-13); a broker may also say 1 explicitly
        for (int id : List.of(WILDCARD_SUBSCRIPTION_AVAILABLE, SUBSCRIPTION_IDENTIFIER_AVAILABLE,
                SHARED_SUBSCRIPTION_AVAILABLE)) {
            Integer value = V5Props.integer(props, id);
            assertTrue(value == null || value == 1, "property " + id + " = " + value);
        }
    }

    @Test
    void responseInformationIsNotSentUnlessRequested() {
        assertNull(V5Props.string(connackProperties("connack-noinfo", V5Props.none()), RESPONSE_INFORMATION));
    }

    @Test
    void responseInformationIsSentWhenRequested() {
        // Optional in MQTT 5 (§3.1.2.11.7: the Server MAY send it); Starling does, Mosquitto does not
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 never sends Response Information");
        String info = V5Props.string(connackProperties("connack-info",
                V5Props.none().integer(REQUEST_RESPONSE_INFORMATION, 1)), RESPONSE_INFORMATION);
        assertNotNull(info, "Response Information");
        assertFalse(info.isEmpty(), "Response Information is not empty");
    }

    @Test
    void unsupportedAuthenticationMethodIsRefusedAndConnectionClosed() {
        try (RawMqttClient c = RawMqttClient.open(broker)) {
            c.send(V5Packets.connect("connack-auth", true,
                    V5Props.none().string(AUTHENTICATION_METHOD, "NO-SUCH-METHOD")));
            List<MqttMessage> packets = c.awaitClose();
            assertEquals(1, packets.size(), () -> "one CONNACK before close: " + packets);
            assertEquals(MqttMessageType.CONNACK, packets.get(0).fixedHeader().messageType());
            int reason = ((MqttConnAckMessage) packets.get(0)).variableHeader().connectReturnCode().byteValue() & 0xff;
            // MQTT 5 §4.12: 0x8C (Bad authentication method) or 0x87 (Not authorized)
            assertTrue(reason == 0x8C || reason == 0x87, "reason code 0x" + Integer.toHexString(reason));
        }
    }

    @Test
    void refusedConnectCarriesAReasonString() {
        // Reason Strings are optional in MQTT 5; Starling explains its refusals, Mosquitto sends none
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 sends no Reason String in CONNACK");
        try (RawMqttClient c = RawMqttClient.open(broker)) {
            MqttConnAckMessage ack = c.connect(V5Packets.connect("connack-reason", true,
                    V5Props.none().string(AUTHENTICATION_METHOD, "NO-SUCH-METHOD")));
            assertNotEquals(0, ack.variableHeader().connectReturnCode().byteValue());
            String reason = V5Props.string(ack.variableHeader().properties(), REASON_STRING);
            assertNotNull(reason, "Reason String");
            assertFalse(reason.isBlank(), "Reason String is not blank");
        }
    }
}
