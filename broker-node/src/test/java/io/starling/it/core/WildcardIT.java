package io.starling.it.core;

import static io.starling.it.raw.RawClient.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient.Mqtt3Publishes;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.starling.it.TestBroker;
import io.starling.it.raw.RawClient;
import io.starling.it.raw.RawConnect;
import io.starling.it.raw.RawPacket;
import io.starling.it.raw.RawPackets;
import io.starling.it.raw.RawPublish;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topic filter matching: '+', '#', '$' topics, case, overlapping subscriptions, invalid filters. */
class WildcardIT {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration QUIET = Duration.ofMillis(500);
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    /**
     * Subscribes to {@code filter}, publishes one QoS 1 message to each topic (payload = topic),
     * and returns the topics received, in arrival order, once no more arrive.
     */
    private static List<String> topicsMatching(String filter, String... topics) {
        Mqtt3BlockingClient sub = HiveClients.connected(broker, Ids.unique("wsub"));
        Mqtt3BlockingClient pub = HiveClients.connected(broker, Ids.unique("wpub"));
        try (Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
            for (String t : topics) {
                pub.publishWith().topic(t).payload(utf8(t)).qos(MqttQos.AT_LEAST_ONCE).send();
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i <= topics.length; i++) {
                Optional<Mqtt3Publish> p = publishes.receive(QUIET.toMillis(), TimeUnit.MILLISECONDS);
                if (p.isEmpty()) {
                    break;
                }
                assertEquals(p.get().getTopic().toString(), HiveClients.text(p.get()), "payload matches its topic");
                got.add(p.get().getTopic().toString());
            }
            return got;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    @Test
    void singleLevelWildcardMatchesExactlyOneLevel() {
        String r = Ids.unique("plus");
        assertEquals(List.of(r + "/b/c", r + "/x/c", r + "//c"),
                topicsMatching(r + "/+/c", r + "/b/c", r + "/b/x/c", r + "/x/c", r + "/c", r + "/b/c/d", r + "//c"));
    }

    @Test
    void singleLevelWildcardAtTheEndMatchesAnEmptyLastLevelButNotTheParent() {
        String r = Ids.unique("plusend");
        assertEquals(List.of(r + "/a", r + "/"),
                topicsMatching(r + "/+", r + "/a", r, r + "/", r + "/a/b"));
    }

    @Test
    void multiLevelWildcardMatchesEveryLevelBelow() {
        String r = Ids.unique("hash");
        assertEquals(List.of(r + "/a", r + "/a/b/c", r + "//x"),
                topicsMatching(r + "/#", r + "/a", r + "-sibling/a", r + "/a/b/c", r + "//x"));
    }

    @Test
    void multiLevelWildcardAlsoMatchesTheParentLevel() {
        // "sport/#" matches "sport" itself
        String sport = Ids.unique("sport");
        assertEquals(List.of(sport, sport + "/tennis"), topicsMatching(sport + "/#", sport, sport + "/tennis"));
    }

    @Test
    void topicMatchingIsCaseSensitive() {
        String r = Ids.unique("Case");
        assertEquals(List.of(r + "/x"), topicsMatching(r + "/#", r.toLowerCase() + "/x", r + "/x", r.toUpperCase() + "/x"));
    }

    @Test
    void hashAloneDoesNotMatchTopicsStartingWithDollar() {
        String plain = Ids.unique("plainroot") + "/x";
        String dollar = "$" + Ids.unique("foo") + "/x";
        assertEquals(List.of(plain), topicsMatching("#", dollar, plain));
    }

    @Test
    void leadingPlusDoesNotMatchTopicsStartingWithDollar() {
        String level = Ids.unique("bar");
        String dollar = "$" + Ids.unique("foo") + "/" + level;
        String plain = Ids.unique("foo") + "/" + level;
        assertEquals(List.of(plain), topicsMatching("+/" + level, dollar, plain));
    }

    @Test
    void dollarTopicIsMatchedByAFilterThatStartsWithTheSameDollarLevel() {
        String dollar = "$" + Ids.unique("foo");
        assertEquals(List.of(dollar + "/x", dollar + "/y/z"), topicsMatching(dollar + "/#", dollar + "/x", dollar + "/y/z"));
    }

    @Test
    void wildcardSubscriptionsNeverReceiveSysTopics() throws Exception {
        // $SYS topics are for "$SYS/#" subscribers only, even when the broker publishes them
        PahoCollector received = new PahoCollector();
        MqttClient c = PahoCollector.connect(broker, Ids.unique("all"), PahoCollector.options(true), received);
        try {
            c.subscribe(new String[] {"#", "+/broker/#", "+/+/+"}, new int[] {0, 0, 0});
            received.assertNoMore(QUIET);
        } finally {
            c.disconnect();
            c.close();
        }
    }

    @Test
    void overlappingSubscriptionsOfOneClientDeliverOneCopyAtTheHighestOfTheirQos() {
        // [MQTT-3.3.5-1]: with overlapping subscriptions the message goes out respecting the maximum
        // QoS of all matching ones; Mosquitto 2.0 sends a single copy
        String r = Ids.unique("overlap");
        try (RawClient sub = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("osub")))) {
            sub.subscribe(1, r + "/#", 0);
            sub.subscribe(2, r + "/a", 1);
            sub.subscribe(3, "+/a", 0);
            Mqtt3BlockingClient pub = HiveClients.connected(broker, Ids.unique("opub"));
            pub.publishWith().topic(r + "/a").payload(utf8("both")).qos(MqttQos.EXACTLY_ONCE).send();
            pub.disconnect();

            RawPublish p = sub.expectPublish(WAIT);
            assertEquals("both", p.payloadText());
            assertEquals(1, p.qos());
            sub.send(RawPackets.puback(p.packetId()));
            assertEquals(List.of(), sub.drain(QUIET), "a single copy");
        }
    }

    @Test
    void subscribingTwiceToTheSameFilterReplacesTheSubscription() {
        String topic = Ids.unique("resub");
        Mqtt3BlockingClient sub = HiveClients.connected(broker, Ids.unique("rsub"));
        try (Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_MOST_ONCE).send();
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
            sub.publishWith().topic(topic).payload(utf8("once")).qos(MqttQos.EXACTLY_ONCE).send();
            assertEquals(MqttQos.EXACTLY_ONCE, HiveClients.receiveOne(publishes).getQos(), "the new QoS applies");
            HiveClients.assertNoMore(publishes, QUIET);
        } finally {
            sub.disconnect();
        }
    }

    @Test
    void unsubscribeStopsDelivery() {
        String topic = Ids.unique("unsub");
        Mqtt3BlockingClient sub = HiveClients.connected(broker, Ids.unique("usub"));
        try (Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic + "/+").qos(MqttQos.AT_LEAST_ONCE).send();
            sub.publishWith().topic(topic + "/1").payload(utf8("before")).qos(MqttQos.AT_LEAST_ONCE).send();
            assertEquals("before", HiveClients.text(HiveClients.receiveOne(publishes)));
            sub.unsubscribeWith().topicFilter(topic + "/+").send();
            sub.publishWith().topic(topic + "/1").payload(utf8("after")).qos(MqttQos.AT_LEAST_ONCE).send();
            HiveClients.assertNoMore(publishes, QUIET);
        } finally {
            sub.disconnect();
        }
    }

    @Test
    void subscribeGrantsTheRequestedQos() {
        try (RawClient c = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("grant")))) {
            assertEquals(0, c.subscribe(1, Ids.unique("grant") + "/#", 0));
            assertEquals(1, c.subscribe(2, Ids.unique("grant") + "/+", 1));
            assertEquals(2, c.subscribe(3, Ids.unique("grant"), 2));
        }
    }

    @Test
    void subscribeWithMultiLevelWildcardNotAtTheEndClosesTheConnection() {
        // an invalid filter makes the SUBSCRIBE malformed; Mosquitto closes the connection
        try (RawClient c = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("badfilter")))) {
            c.send(RawPackets.subscribe(1, "a/#/b", 0));
            assertTrue(c.drain(WAIT).stream().noneMatch(p -> p.type() == RawPacket.SUBACK && p.firstGrantedQos() < 3),
                    "the invalid filter must not be granted");
            assertTrue(c.isClosedByBroker());
        }
    }

    @Test
    void publishToATopicNameWithAWildcardClosesTheConnection() {
        // [MQTT-3.3.2-2]: the Topic Name in a PUBLISH must not contain wildcard characters
        try (RawClient c = RawClient.connected(broker, RawConnect.mqtt311(Ids.unique("badtopic")))) {
            c.send(RawPackets.publish("a/+/b", utf8("x"), 1, false, false, 1));
            assertTrue(c.awaitClosedByBroker(WAIT));
        }
    }
}
