package io.starling.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.starling.mqtt.ReasonCodes;
import io.starling.auth.AclFile;
import io.starling.auth.HashType;
import io.starling.auth.PasswordFile;
import io.starling.auth.PasswordHash;
import io.starling.auth.SecurityRules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import io.starling.session.ConnectRequest;
import org.junit.jupiter.api.Test;

/** The CONNECT decision as a pure function: packet in, request or refusal out. */
class ConnectValidatorTest {

    private static final ConnectPolicy OPEN = new ConnectPolicy(65535, null, false, ConnectRequest.NEVER, 10);

    private static MqttMessageBuilders.ConnectBuilder connect(MqttVersion version, String clientId) {
        return MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId).keepAlive(60);
    }

    /** Anonymous clients allowed, no password or ACL file. */
    private static final SecurityRules ANYONE = new SecurityRules(true, null, null);

    private static ConnectRequest accepted(ConnectPolicy policy, MqttConnectMessage packet) {
        return accepted(policy, ANYONE, packet);
    }

    private static ConnectRequest accepted(ConnectPolicy policy, SecurityRules rules, MqttConnectMessage packet) {
        return assertInstanceOf(ConnectDecision.Accepted.class, new ConnectValidator(policy).validate(packet, rules))
                .request();
    }

    private static ConnectDecision.Refused refused(ConnectPolicy policy, MqttConnectMessage packet) {
        return refused(policy, ANYONE, packet);
    }

    private static ConnectDecision.Refused refused(ConnectPolicy policy, SecurityRules rules, MqttConnectMessage packet) {
        return assertInstanceOf(ConnectDecision.Refused.class, new ConnectValidator(policy).validate(packet, rules));
    }

    @Test
    void emptyClientIdIsAssignedForMqtt5() {
        ConnectRequest request = accepted(OPEN, connect(MqttVersion.MQTT_5, "").cleanSession(false).build());
        assertTrue(request.assignedClientId());
        assertFalse(request.clientId().isEmpty());
    }

    @Test
    void emptyClientIdWithoutCleanSessionIsRejectedForMqtt311() {
        ConnectDecision.Refused refusal = refused(OPEN, connect(MqttVersion.MQTT_3_1_1, "").cleanSession(false).build());
        assertEquals(ReasonCodes.V3_IDENTIFIER_REJECTED, refusal.v3Code());
    }

    @Test
    void anonymousClientIsRefusedWhenAnonymousAccessIsOff() {
        SecurityRules closed = new SecurityRules(false, null, null);
        ConnectDecision.Refused refusal = refused(OPEN, closed, connect(MqttVersion.MQTT_5, "c").build());
        assertEquals(ReasonCodes.V3_NOT_AUTHORIZED, refusal.v3Code());
        assertEquals(ReasonCodes.NOT_AUTHORIZED, refusal.v5Code());
        assertTrue(refusal.failedCredentials());
    }

    @Test
    void clientIdWithoutAllowedPrefixIsRefused() {
        ConnectPolicy prefixed = new ConnectPolicy(65535, "plant-", false, ConnectRequest.NEVER, 10);
        refused(prefixed, connect(MqttVersion.MQTT_3_1_1, "office-1").build());
        assertEquals("plant-1", accepted(prefixed, connect(MqttVersion.MQTT_3_1_1, "plant-1").build()).clientId());
    }

    @Test
    void certificateUsernameReplacesTheConnectUsernameAndIsNotAnonymous() {
        ConnectValidator validator = new ConnectValidator(new ConnectPolicy(65535, null, true, ConnectRequest.NEVER, 10));
        SecurityRules closed = new SecurityRules(false, null, null);
        MqttConnectMessage anonymous = connect(MqttVersion.MQTT_3_1_1, "c").build();
        MqttConnectMessage named = connect(MqttVersion.MQTT_5, "c").hasUser(true).username("mallory").build();

        ConnectRequest fromCertificate = assertInstanceOf(ConnectDecision.Accepted.class,
                validator.validate(anonymous, closed, "client-one")).request();
        ConnectRequest replaced = assertInstanceOf(ConnectDecision.Accepted.class,
                validator.validate(named, closed, "client-one")).request();

        assertEquals("client-one", fromCertificate.username());
        assertEquals("client-one", replaced.username());
        assertEquals("client-one", replaced.clientId()); // use_username_as_clientid sees the certificate's name
    }

    @Test
    void usernameReplacesClientIdWhenConfigured() {
        ConnectPolicy byName = new ConnectPolicy(65535, null, true, ConnectRequest.NEVER, 10);
        MqttConnectMessage packet = connect(MqttVersion.MQTT_3_1_1, "whatever").hasUser(true).username("alice").build();
        assertEquals("alice", accepted(byName, packet).clientId());
        refused(byName, connect(MqttVersion.MQTT_3_1_1, "whatever").build());
    }

    @Test
    void keepAliveAboveMaximumIsLoweredForMqtt5AndKeptForMqtt311() {
        ConnectPolicy limited = new ConnectPolicy(10, null, false, ConnectRequest.NEVER, 10);
        ConnectRequest v5 = accepted(limited, connect(MqttVersion.MQTT_5, "a").keepAlive(60).build());
        assertEquals(10, v5.keepAlive());
        assertTrue(v5.keepAliveChanged());
        ConnectRequest v311 = accepted(limited, connect(MqttVersion.MQTT_3_1_1, "b").keepAlive(60).build());
        assertEquals(60, v311.keepAlive());
        assertFalse(v311.keepAliveChanged());
    }

    @Test
    void persistentMqtt311SessionGetsPersistentClientExpiration() {
        ConnectPolicy expiring = new ConnectPolicy(65535, null, false, 3600, 10);
        assertEquals(3600, accepted(expiring, connect(MqttVersion.MQTT_3_1_1, "p").cleanSession(false).build())
                .sessionExpirySeconds());
        assertEquals(0, accepted(expiring, connect(MqttVersion.MQTT_3_1_1, "c").cleanSession(true).build())
                .sessionExpirySeconds());
    }

    @Test
    void mqtt5PropertiesAreReadIntoTheRequest() {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 120));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, 7));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, 3));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, 1024));
        ConnectRequest request = accepted(OPEN, connect(MqttVersion.MQTT_5, "v5").properties(properties).build());
        assertEquals(120, request.sessionExpirySeconds());
        assertEquals(7, request.receiveMaximum());
        assertEquals(3, request.topicAliasMaximum());
        assertEquals(1024, request.maximumPacketSize());
        assertEquals(10, request.brokerTopicAliasMaximum());
    }

    @Test
    void willCarriesItsDelayAndExpiry() {
        MqttProperties willProperties = new MqttProperties();
        willProperties.add(new MqttProperties.IntegerProperty(MqttProperties.WILL_DELAY_INTERVAL, 30));
        willProperties.add(new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL, 5));
        MqttConnectMessage packet = connect(MqttVersion.MQTT_5, "w")
                .willFlag(true).willTopic("status/w").willMessage("gone".getBytes())
                .willQoS(MqttQoS.AT_LEAST_ONCE).willRetain(true).willProperties(willProperties).build();
        ConnectRequest request = accepted(OPEN, packet);
        assertNotNull(request.will());
        assertEquals(30, request.will().delaySeconds());
        assertEquals(1000 + 5000, request.will().toMessage(1000).expiresAtMillis());
        assertTrue(request.will().message().retain());
        assertEquals(1, request.will().message().qos());
    }

    @Test
    void willTheAclDeniesIsDroppedAndTheClientAccepted(@TempDir Path dir) throws Exception {
        AclFile acl = AclFile.load(Files.writeString(dir.resolve("acl"), "user alice\ntopic write status/alice\n"));
        SecurityRules rules = new SecurityRules(true, null, acl);
        MqttConnectMessage denied = connect(MqttVersion.MQTT_3_1_1, "a").hasUser(true).username("alice")
                .willFlag(true).willTopic("status/bob").willMessage("gone".getBytes()).build();
        MqttConnectMessage allowed = connect(MqttVersion.MQTT_3_1_1, "a").hasUser(true).username("alice")
                .willFlag(true).willTopic("status/alice").willMessage("gone".getBytes()).build();

        assertNull(accepted(OPEN, rules, denied).will(), "Mosquitto 2.0 never publishes a will its ACL denies");
        assertNotNull(accepted(OPEN, rules, allowed).will());
    }

    @Test
    void wrongPasswordIsRefusedAsBadUsernameOrPasswordAndCounted(@TempDir Path dir) throws Exception {
        PasswordHash hash = PasswordHash.create(HashType.SHA512_PBKDF2, 101, "secret".getBytes());
        SecurityRules rules = new SecurityRules(false,
                PasswordFile.load(Files.writeString(dir.resolve("passwd"), "alice:" + hash.encoded() + "\n")), null);
        MqttConnectMessage wrong = connect(MqttVersion.MQTT_5, "a").hasUser(true).username("alice")
                .hasPassword(true).password("nope".getBytes()).build();
        MqttConnectMessage right = connect(MqttVersion.MQTT_5, "a").hasUser(true).username("alice")
                .hasPassword(true).password("secret".getBytes()).build();

        ConnectDecision.Refused refusal = refused(OPEN, rules, wrong);
        assertEquals(ReasonCodes.V3_NOT_AUTHORIZED, refusal.v3Code());
        assertEquals(ReasonCodes.BAD_USER_NAME_OR_PASSWORD, refusal.v5Code());
        assertTrue(refusal.failedCredentials());
        assertEquals("alice", accepted(OPEN, rules, right).username());
    }

    @Test
    void enhancedAuthenticationIsRefusedWithBadAuthenticationMethod() {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, "SCRAM-SHA-1"));
        ConnectDecision.Refused refusal =
                refused(OPEN, connect(MqttVersion.MQTT_5, "scram").properties(properties).build());
        assertEquals(ReasonCodes.BAD_AUTHENTICATION_METHOD, refusal.v5Code());
    }
}
