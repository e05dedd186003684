package io.starling.it.v5;

import static io.netty.handler.codec.mqtt.MqttProperties.TOPIC_ALIAS;
import static io.netty.handler.codec.mqtt.MqttProperties.TOPIC_ALIAS_MAXIMUM;
import static io.starling.it.v5.HiveClients.next;
import static io.starling.it.v5.HiveClients.text;
import static io.starling.it.v5.HiveClients.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.starling.it.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topic aliases in both directions (MQTT 5 §3.3.2.3.4). */
class TopicAliasIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("max_topic_alias 5\n");

    private static V5Props alias(int alias) {
        return V5Props.none().integer(TOPIC_ALIAS, alias);
    }

    @Test
    void topicAliasFromTheClientIsResolvedForSubscribers() {
        Mqtt5BlockingClient subscriber = HiveClients.connected(broker, "ta-in-sub");
        try (Mqtt5Publishes received = subscriber.publishes(MqttGlobalPublishFilter.ALL);
                RawMqttClient publisher = RawMqttClient.connectV5(broker, "ta-in-pub", V5Props.none())) {
            subscriber.subscribeWith().topicFilter("ta/in/#").qos(MqttQos.AT_LEAST_ONCE).send();

            publisher.send(V5Packets.publish("ta/in/one", MqttQoS.AT_MOST_ONCE, 0, "register", alias(1)));
            publisher.send(V5Packets.publish("", MqttQoS.AT_MOST_ONCE, 0, "by-alias", alias(1)));
            // a non-empty topic with a known alias re-maps the alias
            publisher.send(V5Packets.publish("ta/in/two", MqttQoS.AT_MOST_ONCE, 0, "remap", alias(1)));
            publisher.send(V5Packets.publish("", MqttQoS.AT_MOST_ONCE, 0, "by-new-alias", alias(1)));

            for (String[] expected : new String[][] {{"ta/in/one", "register"}, {"ta/in/one", "by-alias"},
                    {"ta/in/two", "remap"}, {"ta/in/two", "by-new-alias"}}) {
                Mqtt5Publish p = next(received);
                assertEquals(expected[0], p.getTopic().toString(), "topic of " + expected[1]);
                assertEquals(expected[1], text(p));
            }
        } finally {
            subscriber.disconnect();
        }
    }

    @Test
    void topicAliasAboveTheBrokersMaximumIsDisconnectedWith0x94() {
        try (RawMqttClient publisher = RawMqttClient.connectV5(broker, "ta-too-big", V5Props.none())) {
            publisher.send(V5Packets.publish("ta/big", MqttQoS.AT_MOST_ONCE, 0, "x", alias(6)));
            assertEquals(0x94, publisher.awaitDisconnectAndClose().reasonCode() & 0xff);
        }
    }

    @Test
    void emptyTopicWithAnUnknownAliasIsAProtocolError() {
        try (RawMqttClient publisher = RawMqttClient.connectV5(broker, "ta-unknown", V5Props.none())) {
            publisher.send(V5Packets.publish("", MqttQoS.AT_MOST_ONCE, 0, "x", alias(3)));
            assertEquals(0x82, publisher.awaitDisconnectAndClose().reasonCode() & 0xff);
        }
    }

    @Test
    void brokerSendsNoTopicAliasToAClientThatAllowsNone() {
        // no Topic Alias Maximum in CONNECT means 0: the broker MUST NOT send aliases (§3.1.2.11.5)
        try (RawMqttClient subscriber = RawMqttClient.connectV5(broker, "ta-out-none", V5Props.none())) {
            subscriber.subscribe(V5Packets.subscribe(1, "ta/out/none", MqttQoS.AT_MOST_ONCE));
            Mqtt5BlockingClient publisher = HiveClients.connected(broker, "ta-out-none-pub");
            for (int i = 0; i < 3; i++) {
                publisher.publishWith().topic("ta/out/none").payload(utf8("m" + i)).send();
            }
            publisher.disconnect();
            for (int i = 0; i < 3; i++) {
                MqttPublishMessage p = subscriber.nextPublish();
                assertEquals("ta/out/none", p.variableHeader().topicName());
                assertNull(V5Props.integer(p.variableHeader().properties(), TOPIC_ALIAS), "no Topic Alias");
            }
        }
    }

    @Test
    void brokerUsesTopicAliasesWhenTheClientAllowsThem() {
        // Sending aliases is optional for a server; Starling does it to save bandwidth on repeated topics
        assumeFalse(broker.isMosquitto(), "Mosquitto 2.0.11 never sends topic aliases to clients");
        try (RawMqttClient subscriber = RawMqttClient.connectV5(broker, "ta-out",
                V5Props.none().integer(TOPIC_ALIAS_MAXIMUM, 4))) {
            subscriber.subscribe(V5Packets.subscribe(1, "ta/out/yes", MqttQoS.AT_MOST_ONCE));
            Mqtt5BlockingClient publisher = HiveClients.connected(broker, "ta-out-pub");
            publisher.publishWith().topic("ta/out/yes").payload(utf8("first")).send();
            publisher.publishWith().topic("ta/out/yes").payload(utf8("second")).send();
            publisher.disconnect();

            MqttPublishMessage first = subscriber.nextPublish();
            assertEquals("ta/out/yes", first.variableHeader().topicName(), "first delivery names the topic");
            Integer alias = V5Props.integer(first.variableHeader().properties(), TOPIC_ALIAS);
            assertNotNull(alias, "first delivery registers an alias");
            assertTrue(alias >= 1 && alias <= 4, "alias within the client's maximum: " + alias);

            MqttPublishMessage second = subscriber.nextPublish();
            assertEquals("", second.variableHeader().topicName(), "second delivery uses the alias only");
            assertEquals(alias, V5Props.integer(second.variableHeader().properties(), TOPIC_ALIAS));
            assertEquals("second", V5Packets.text(second));
        }
    }
}
