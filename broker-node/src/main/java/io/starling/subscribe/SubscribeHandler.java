package io.starling.subscribe;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.starling.auth.Access;
import io.starling.auth.ClientAccess;
import io.starling.deliver.Outgoing;
import io.starling.mqtt.ReasonCodes;
import io.starling.mqtt.SubscriptionOptions;
import io.starling.mqtt.TopicFilter;
import io.starling.retain.RetainedMessages;
import io.starling.route.Router;
import io.starling.route.Subscriber;
import io.starling.route.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SUBSCRIBE and UNSUBSCRIBE for one session: changes the router and the session's own list of
 * subscriptions, builds the SUBACK/UNSUBACK, and picks the retained messages to send after it
 * (Retain Handling, MQTT 5 §3.8.3.1). The router is changed before the SUBACK is built, so a
 * message published after the client sees its SUBACK reaches it.
 */
public final class SubscribeHandler {

    /**
     * The SUBACK to send, then the retained messages to deliver; or, when {@code violation} is not
     * 0, the reason code of the DISCONNECT that ends the connection instead.
     */
    public record Result(MqttMessage ack, List<Outgoing> retained, byte violation) {

        static Result violation(byte reason) {
            return new Result(null, List.of(), reason);
        }
    }

    private final Router router;
    private final RetainedMessages retainedMessages;

    public SubscribeHandler(Router router, RetainedMessages retainedMessages) {
        this.router = router;
        this.retainedMessages = retainedMessages;
    }

    /**
     * @param held   the session's subscriptions by filter text; updated here
     * @param access what the client may subscribe to: a filter it may not gets a failure code in
     *               the SUBACK (0x80, MQTT 5: 0x87), as Mosquitto's dynamic security answers
     */
    public Result subscribe(Subscriber self, Map<String, Subscription> held, MqttSubscribeMessage packet, boolean mqtt5,
            ClientAccess access) {
        int subscriptionId = subscriptionId(packet.idAndPropertiesVariableHeader().properties());
        List<MqttTopicSubscription> requested = packet.payload().topicSubscriptions();
        // check the whole packet before changing anything: a bad one changes nothing
        List<Subscription> parsed = new ArrayList<>(requested.size());
        for (MqttTopicSubscription request : requested) {
            TopicFilter filter;
            try {
                filter = TopicFilter.parse(request.topicFilter());
            } catch (IllegalArgumentException invalid) {
                // "a/#/b" is not a topic filter at all: the packet is malformed (as Mosquitto treats it)
                return Result.violation(ReasonCodes.MALFORMED_PACKET);
            }
            MqttSubscriptionOption option = request.option();
            SubscriptionOptions options = new SubscriptionOptions(
                    option.qos().value(),
                    mqtt5 && option.isNoLocal(),
                    mqtt5 && option.isRetainAsPublished(),
                    mqtt5 ? option.retainHandling().value() : 0,
                    subscriptionId);
            if (filter.isShared() && options.noLocal()) {
                return Result.violation(ReasonCodes.PROTOCOL_ERROR); // MQTT 5 §3.8.3.1
            }
            parsed.add(new Subscription(filter, options));
        }
        List<Integer> codes = new ArrayList<>(parsed.size());
        List<Outgoing> retained = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            Subscription subscription = parsed.get(i);
            TopicFilter filter = subscription.filter();
            SubscriptionOptions options = subscription.options();
            if (!access.allows(filter.filter(), Access.SUBSCRIBE)) {
                codes.add((mqtt5 ? ReasonCodes.NOT_AUTHORIZED : ReasonCodes.V3_SUBACK_FAILURE) & 0xFF);
                continue;
            }
            boolean isNew = router.subscribe(self, filter, options);
            held.put(requested.get(i).topicFilter(), subscription);
            codes.add(options.qos());
            if (!filter.isShared() && (options.retainHandling() == 0 || (options.retainHandling() == 1 && isNew))) {
                retainedMessages.match(filter.filter(), message -> retained.add(
                        Outgoing.of(message, Math.min(message.qos(), options.qos()), true)));
            }
        }
        MqttSubAckMessage ack = new MqttSubAckMessage(
                new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packet.variableHeader().messageId()),
                new MqttSubAckPayload(codes));
        return new Result(ack, retained, (byte) 0);
    }

    public MqttMessage unsubscribe(Subscriber self, Map<String, Subscription> held, MqttUnsubscribeMessage packet) {
        List<String> filters = packet.payload().topics();
        MqttMessageBuilders.UnsubAckBuilder ack =
                MqttMessageBuilders.unsubAck().packetId(packet.variableHeader().messageId());
        for (String text : filters) {
            Subscription removed = held.remove(text);
            boolean existed = removed != null && router.unsubscribe(self, removed.filter());
            ack.addReasonCode(existed ? ReasonCodes.SUCCESS : ReasonCodes.NO_SUBSCRIPTION_EXISTED);
        }
        return ack.build();
    }

    private static int subscriptionId(MqttProperties properties) {
        MqttProperties.MqttProperty<?> id = properties.getProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER);
        return id == null ? 0 : (Integer) id.value();
    }
}
