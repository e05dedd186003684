package io.starling.connect;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.starling.auth.Access;
import io.starling.auth.SecurityRules;
import io.starling.mqtt.Message;
import io.starling.mqtt.ReasonCodes;
import io.starling.mqtt.Topics;
import io.starling.publish.NettyProperties;
import io.starling.session.ConnectRequest;
import io.starling.session.Will;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a CONNECT is accepted, and with which effective values (client id, keep alive,
 * session expiry). A pure function of the packet, the node's policy and the listener's security
 * rules: no I/O, tested without sockets.
 */
public final class ConnectValidator {

    private static final Logger log = LoggerFactory.getLogger(ConnectValidator.class);

    private final ConnectPolicy policy;

    public ConnectValidator(ConnectPolicy policy) {
        this.policy = policy;
    }

    /** @param rules the listener's rules at this moment (they change on a reload) */
    public ConnectDecision validate(MqttConnectMessage connect, SecurityRules rules) {
        return validate(connect, rules, null);
    }

    /**
     * @param rules the listener's rules at this moment (they change on a reload)
     * @param certificateUsername the username the client's certificate gives
     *     ({@code use_identity_as_username} / {@code use_subject_as_username}), null if none. When
     *     given it replaces the CONNECT's username, and the CONNECT's username and password are not
     *     checked (as in Mosquitto: the certificate authenticated the client).
     */
    public ConnectDecision validate(MqttConnectMessage connect, SecurityRules rules, String certificateUsername) {
        MqttConnectVariableHeader header = connect.variableHeader();
        MqttConnectPayload payload = connect.payload();
        int level = header.version();
        boolean mqtt5 = level == 5;
        boolean cleanStart = header.isCleanSession();
        MqttProperties properties = header.properties();

        if (mqtt5 && NettyProperties.string(properties, MqttProperties.AUTHENTICATION_METHOD) != null) {
            return new ConnectDecision.Refused(ReasonCodes.V3_NOT_AUTHORIZED, ReasonCodes.BAD_AUTHENTICATION_METHOD,
                    "enhanced authentication is not supported");
        }
        String username = certificateUsername != null ? certificateUsername
                : header.hasUserName() ? payload.userName() : null;
        String clientId = payload.clientIdentifier() == null ? "" : payload.clientIdentifier();
        boolean assigned = false;
        if (policy.useUsernameAsClientid()) {
            if (username == null) {
                return new ConnectDecision.Refused(ReasonCodes.V3_NOT_AUTHORIZED, ReasonCodes.NOT_AUTHORIZED,
                        "use_username_as_clientid needs a username");
            }
            clientId = username;
        } else if (clientId.isEmpty()) {
            if (level == 3 || (level == 4 && !cleanStart)) {
                return new ConnectDecision.Refused(ReasonCodes.V3_IDENTIFIER_REJECTED,
                        ReasonCodes.CLIENT_IDENTIFIER_NOT_VALID, "empty client id needs clean session");
            }
            clientId = "auto-" + UUID.randomUUID();
            assigned = true;
        }
        if (policy.clientidPrefixes() != null && !clientId.startsWith(policy.clientidPrefixes())) {
            return new ConnectDecision.Refused(ReasonCodes.V3_NOT_AUTHORIZED, ReasonCodes.NOT_AUTHORIZED,
                    "client id does not start with an allowed prefix");
        }

        byte[] password = header.hasPassword() ? payload.passwordInBytes() : null;
        switch (certificateUsername != null ? SecurityRules.Authentication.ACCEPTED
                : rules.authenticate(username, password, clientId)) {
            case NOT_AUTHORIZED -> {
                return ConnectDecision.Refused.authentication(ReasonCodes.NOT_AUTHORIZED,
                        username == null ? "anonymous access is not allowed"
                                : "no password file or plugin checks usernames, and anonymous access is not allowed");
            }
            // Mosquitto 2.0.11 answers 0x87 here too; 0x86 is what MQTT 5 means for it
            case BAD_CREDENTIALS -> {
                return ConnectDecision.Refused.authentication(ReasonCodes.BAD_USER_NAME_OR_PASSWORD,
                        "bad username or password");
            }
            case ACCEPTED -> { }
        }

        int keepAlive = header.keepAliveTimeSeconds();
        boolean keepAliveChanged = false;
        // max_keepalive only applies to MQTT 5 clients, which are told the Server Keep Alive;
        // MQTT 3 has no way to say it, so its clients keep what they asked for (as in Mosquitto)
        if (mqtt5 && (keepAlive > policy.maxKeepalive() || (keepAlive == 0 && policy.maxKeepalive() < 65535))) {
            keepAlive = policy.maxKeepalive();
            keepAliveChanged = true;
        }

        Will will = null;
        if (header.isWillFlag()) {
            if (!Topics.isValidTopicName(payload.willTopic())) {
                return new ConnectDecision.Refused(ReasonCodes.V3_IDENTIFIER_REJECTED,
                        ReasonCodes.TOPIC_NAME_INVALID, "invalid will topic");
            }
            will = will(payload, header, clientId);
            if (!rules.allows(clientId, username, will.message().topic(), Access.WRITE)) {
                // Mosquitto 2.0 accepts the client and never publishes a will its ACL denies
                log.info("Client {} may not publish its will to '{}': the will is dropped.",
                        clientId, will.message().topic());
                will = null;
            }
        }

        long sessionExpiry;
        if (mqtt5) {
            long requested = NettyProperties.unsignedInt(properties, MqttProperties.SESSION_EXPIRY_INTERVAL);
            sessionExpiry = requested < 0 ? 0 : requested;
        } else {
            sessionExpiry = cleanStart ? 0 : policy.persistentClientExpiration();
        }
        Integer receiveMaximum = NettyProperties.integer(properties, MqttProperties.RECEIVE_MAXIMUM);
        long maxPacketSize = Math.max(0, NettyProperties.unsignedInt(properties, MqttProperties.MAXIMUM_PACKET_SIZE));
        Integer topicAliasMaximum = NettyProperties.integer(properties, MqttProperties.TOPIC_ALIAS_MAXIMUM);
        Integer responseInformation =
                NettyProperties.integer(properties, MqttProperties.REQUEST_RESPONSE_INFORMATION);

        return new ConnectDecision.Accepted(new ConnectRequest(
                level,
                clientId,
                assigned,
                cleanStart,
                keepAlive,
                keepAliveChanged,
                username,
                sessionExpiry,
                receiveMaximum == null ? 65535 : receiveMaximum,
                maxPacketSize,
                topicAliasMaximum == null ? 0 : topicAliasMaximum,
                policy.maxTopicAlias(),
                responseInformation != null && responseInformation == 1,
                will));
    }

    private static Will will(MqttConnectPayload payload, MqttConnectVariableHeader header, String clientId) {
        MqttProperties willProperties = payload.willProperties();
        long expiry = NettyProperties.unsignedInt(willProperties, MqttProperties.PUBLICATION_EXPIRY_INTERVAL);
        long delay = NettyProperties.unsignedInt(willProperties, MqttProperties.WILL_DELAY_INTERVAL);
        Message message = new Message(
                payload.willTopic(),
                header.willQos(),
                header.isWillRetain(),
                payload.willMessageInBytes() == null ? new byte[0] : payload.willMessageInBytes(),
                NettyProperties.messageProperties(willProperties),
                0,
                clientId);
        return new Will(message, Math.max(0, delay), expiry);
    }
}
