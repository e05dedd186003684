package io.starling.it.v5;

import static io.starling.it.v5.HiveClients.assertNothingReceived;
import static io.starling.it.v5.HiveClients.next;
import static io.starling.it.v5.HiveClients.text;
import static io.starling.it.v5.HiveClients.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption.RetainedHandlingPolicy;
import io.starling.it.TestBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Shared subscriptions {@code $share/group/filter} (MQTT 5 §4.8.2). */
class SharedSubscriptionIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");
    private static Mqtt5BlockingClient publisher;

    @BeforeAll
    static void connectPublisher() {
        publisher = HiveClients.connected(broker, "sh-publisher");
    }

    @AfterAll
    static void disconnectPublisher() {
        HiveClients.disconnectQuietly(publisher);
    }

    @Test
    void eachMessageGoesToExactlyOneMemberOfTheGroup() {
        String topic = "sh/split";
        int count = 20;
        Mqtt5BlockingClient m1 = HiveClients.connected(broker, "sh-split-m1");
        Mqtt5BlockingClient m2 = HiveClients.connected(broker, "sh-split-m2");
        Mqtt5BlockingClient plain = HiveClients.connected(broker, "sh-split-plain");
        try (Mqtt5Publishes r1 = m1.publishes(MqttGlobalPublishFilter.ALL);
                Mqtt5Publishes r2 = m2.publishes(MqttGlobalPublishFilter.ALL);
                Mqtt5Publishes rPlain = plain.publishes(MqttGlobalPublishFilter.ALL)) {
            m1.subscribeWith().topicFilter("$share/g1/" + topic).qos(MqttQos.AT_LEAST_ONCE).send();
            m2.subscribeWith().topicFilter("$share/g1/" + topic).qos(MqttQos.AT_LEAST_ONCE).send();
            plain.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            for (int i = 0; i < count; i++) {
                publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("m" + i)).send();
            }

            List<String> toPlain = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                toPlain.add(text(next(rPlain)));
            }
            assertEquals(count, new TreeSet<>(toPlain).size(), "a non-shared subscriber gets every message");

            // everything the plain subscriber got has been handed to the group by now, or soon
            List<String> toM1 = new ArrayList<>();
            List<String> toM2 = new ArrayList<>();
            long deadline = System.nanoTime() + RawMqttClient.PRESENCE.toNanos();
            while (toM1.size() + toM2.size() < count && System.nanoTime() < deadline) {
                HiveClients.poll(r1, 20).ifPresent(p -> toM1.add(text(p)));
                HiveClients.poll(r2, 20).ifPresent(p -> toM2.add(text(p)));
            }
            assertNothingReceived(r1);
            assertNothingReceived(r2);

            Set<String> union = new TreeSet<>(toM1);
            union.addAll(toM2);
            assertEquals(new TreeSet<>(toPlain), union, "every message reached the group");
            assertEquals(count, toM1.size() + toM2.size(), "no message reached two members: " + toM1 + " " + toM2);
            // the spec leaves the choice of member open, but a group that always picks the same
            // member shares no load
            assertFalse(toM1.isEmpty(), "member 1 got a share");
            assertFalse(toM2.isEmpty(), "member 2 got a share");
        } finally {
            m1.disconnect();
            m2.disconnect();
            plain.disconnect();
        }
    }

    @Test
    void sharedSubscribeReceivesNoRetainedMessages() {
        // MQTT 5 §3.3.1.3: retained messages are sent when a new NON-shared subscription is made
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 sends retained messages on a shared subscribe");
        String topic = "sh/retained";
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("kept")).send();
        Mqtt5BlockingClient member = HiveClients.connected(broker, "sh-retained-member");
        try (Mqtt5Publishes received = member.publishes(MqttGlobalPublishFilter.ALL)) {
            member.subscribeWith().topicFilter("$share/g2/" + topic).qos(MqttQos.AT_LEAST_ONCE).send();
            assertNothingReceived(received);

            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("live")).send();
            assertEquals("live", text(next(received)), "the shared subscription itself works");
            assertNothingReceived(received);
        } finally {
            member.disconnect();
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
        }
    }

    @Test
    void noLocalOnASharedSubscriptionIsAProtocolError() {
        // MQTT-3.8.3-4: "It is a Protocol Error to set the No Local bit to 1 on a Shared Subscription"
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 grants a shared subscription with No Local set");
        try (RawMqttClient c = RawMqttClient.connectV5(broker, "sh-nolocal", V5Props.none())) {
            c.send(V5Packets.subscribe(1, "$share/g3/sh/nolocal",
                    new MqttSubscriptionOption(MqttQoS.AT_MOST_ONCE, true, false, RetainedHandlingPolicy.SEND_AT_SUBSCRIBE),
                    V5Props.none()));
            assertEquals(0x82, c.awaitDisconnectAndClose().reasonCode() & 0xff);
        }
    }
}
