package io.starling.it.v5;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageBuilders.ConnectBuilder;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;

/** Well-formed MQTT 5 packets for {@link RawMqttClient}, built with Netty's message builders. */
public final class V5Packets {

    private V5Packets() {
    }

    /** A CONNECT builder for MQTT 5 with keep alive 60 s; add a will or flags, then build. */
    public static ConnectBuilder connectBuilder(String clientId, boolean cleanStart, V5Props props) {
        return MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_5)
                .clientId(clientId)
                .cleanSession(cleanStart)
                .keepAlive(60)
                .properties(props.build());
    }

    public static MqttConnectMessage connect(String clientId, boolean cleanStart, V5Props props) {
        return connectBuilder(clientId, cleanStart, props).build();
    }

    /** A PUBLISH; {@code packetId} is ignored at QoS 0. */
    public static MqttPublishMessage publish(String topic, MqttQoS qos, int packetId, String payload, V5Props props) {
        return publish(topic, qos, false, packetId, payload.getBytes(StandardCharsets.UTF_8), props);
    }

    public static MqttPublishMessage publish(String topic, MqttQoS qos, boolean retain, int packetId,
            byte[] payload, V5Props props) {
        return MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(qos)
                .retained(retain)
                .messageId(qos == MqttQoS.AT_MOST_ONCE ? 0 : packetId)
                .payload(Unpooled.wrappedBuffer(payload))
                .properties(props.build())
                .build();
    }

    /** A SUBSCRIBE to one filter with default options at this QoS. */
    public static MqttSubscribeMessage subscribe(int packetId, String filter, MqttQoS qos) {
        return subscribe(packetId, filter, MqttSubscriptionOption.onlyFromQos(qos), V5Props.none());
    }

    public static MqttSubscribeMessage subscribe(int packetId, String filter, MqttSubscriptionOption options,
            V5Props props) {
        return MqttMessageBuilders.subscribe()
                .messageId(packetId)
                .addSubscription(filter, options)
                .properties(props.build())
                .build();
    }

    public static MqttMessage puback(int packetId) {
        return MqttMessageBuilders.pubAck().packetId(packetId).reasonCode((byte) 0).build();
    }

    public static MqttMessage disconnect(int reasonCode) {
        return disconnect(reasonCode, V5Props.none());
    }

    public static MqttMessage disconnect(int reasonCode, V5Props props) {
        return MqttMessageBuilders.disconnect().reasonCode((byte) reasonCode).properties(props.build()).build();
    }

    /** The payload of a received PUBLISH as UTF-8 text. */
    public static String text(MqttPublishMessage publish) {
        return publish.payload().toString(StandardCharsets.UTF_8);
    }
}
