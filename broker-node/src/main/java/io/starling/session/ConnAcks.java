package io.starling.session;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;

/** The CONNACK of an accepted connection, with the MQTT 5 properties that tell the client our limits. */
final class ConnAcks {

    private ConnAcks() {
    }

    /** CONNACK refusing the connection because the server cannot take it now (0x88 / 3.1.1 code 3). */
    static MqttConnAckMessage serverUnavailable(ConnectRequest request) {
        return MqttMessageBuilders.connAck()
                .returnCode(request.protocolLevel() == 5
                        ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                        : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE)
                .sessionPresent(false)
                .build();
    }

    static MqttConnAckMessage accepted(ConnectRequest request, boolean sessionPresent, SessionSettings settings) {
        MqttProperties properties = MqttProperties.NO_PROPERTIES;
        if (request.protocolLevel() == 5) {
            properties = new MqttProperties();
            if (request.assignedClientId()) {
                properties.add(new MqttProperties.StringProperty(
                        MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, request.clientId()));
            }
            if (request.keepAliveChanged()) {
                properties.add(new MqttProperties.IntegerProperty(MqttProperties.SERVER_KEEP_ALIVE, request.keepAlive()));
            }
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, settings.receiveMaximum()));
            properties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.TOPIC_ALIAS_MAXIMUM, request.brokerTopicAliasMaximum()));
            if (settings.maxPacketSize() > 0) {
                properties.add(new MqttProperties.IntegerProperty(
                        MqttProperties.MAXIMUM_PACKET_SIZE, settings.maxPacketSize()));
            }
            if (!settings.retainAvailable()) {
                properties.add(new MqttProperties.IntegerProperty(MqttProperties.RETAIN_AVAILABLE, 0));
            }
            if (request.requestResponseInformation()) {
                properties.add(new MqttProperties.StringProperty(
                        MqttProperties.RESPONSE_INFORMATION, "response/" + request.clientId()));
            }
        }
        return MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .sessionPresent(sessionPresent)
                .properties(properties)
                .build();
    }
}
