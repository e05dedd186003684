package io.starling.it.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.starling.it.TestBroker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A newcomer's first steps, with nothing but Debian's {@code mosquitto_pub} and {@code mosquitto_sub}.
 * {@code -F '%q %r %p'} prints the QoS, the retain flag and the payload of each message.
 */
class MosquittoClientsIT {

    private static final Duration EXIT = Duration.ofSeconds(5);
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    private static void pub(String... args) {
        assertEquals(0, MosquittoCli.pub(broker, args).exitCode(), "mosquitto_pub exit status");
    }

    private static void assertPrinted(List<String> expected, MosquittoCli.RunningSub sub) {
        MosquittoCli.Result result = sub.awaitExit(EXIT);
        assertEquals(expected, result.lines());
        assertEquals(0, result.exitCode(), "mosquitto_sub exit status");
    }

    @Test
    void subscriberReceivesWhatThePublisherSent() {
        String topic = Ids.unique("cli/hello");
        MosquittoCli.RunningSub sub = MosquittoCli.sub(broker, "-t", topic, "-C", "1", "-W", "5");
        pub("-t", topic, "-m", "hello");
        assertPrinted(List.of("hello"), sub);
    }

    @Test
    void retainedMessageIsReceivedByALaterSubscriberWithTheRetainFlag() {
        String topic = Ids.unique("cli/retained");
        pub("-t", topic, "-m", "kept", "-r");
        MosquittoCli.RunningSub sub = MosquittoCli.sub(broker, "-t", topic, "-C", "1", "-W", "5", "-F", "%r %p");
        assertPrinted(List.of("1 kept"), sub);
    }

    @Test
    void nullRetainedMessageClearsTheRetainedMessage() {
        String topic = Ids.unique("cli/cleared");
        pub("-t", topic, "-m", "soon gone", "-r");
        pub("-t", topic, "-n", "-r");
        // -W 1: nothing arrives, so mosquitto_sub gives up after a second (exit status 27)
        MosquittoCli.RunningSub sub = MosquittoCli.sub(broker, "-t", topic, "-C", "1", "-W", "1");
        MosquittoCli.Result result = sub.awaitExit(EXIT);
        assertEquals(List.of("Timed out"), result.lines());
        assertEquals(27, result.exitCode(), "mosquitto_sub timed out");
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    void messageArrivesAtTheQosBothSidesAskedFor(int qos) {
        String topic = Ids.unique("cli/qos" + qos);
        String q = String.valueOf(qos);
        MosquittoCli.RunningSub sub = MosquittoCli.sub(broker, "-t", topic, "-q", q, "-C", "1", "-W", "5", "-F", "%q %r %p");
        pub("-t", topic, "-q", q, "-m", "at qos " + q);
        assertPrinted(List.of(q + " 0 at qos " + q), sub);
    }

    @ParameterizedTest(name = "-V {0}")
    @ValueSource(strings = {"mqttv31", "mqttv311", "mqttv5"})
    void publisherAndSubscriberWorkWithEachProtocolVersion(String version) {
        String topic = Ids.unique("cli/" + version);
        MosquittoCli.RunningSub sub = MosquittoCli.sub(broker, "-V", version, "-t", topic, "-q", "1", "-C", "1", "-W", "5");
        pub("-V", version, "-t", topic, "-q", "1", "-m", "spoken in " + version);
        assertPrinted(List.of("spoken in " + version), sub);
    }

    @Test
    void verboseWildcardSubscriberPrintsTopicAndPayload() {
        String root = Ids.unique("cli/verbose");
        MosquittoCli.RunningSub sub = MosquittoCli.sub(broker, "-v", "-t", root + "/#", "-C", "2", "-W", "5");
        pub("-t", root + "/a", "-m", "one");
        pub("-t", root + "/b/c", "-m", "two");
        assertPrinted(List.of(root + "/a one", root + "/b/c two"), sub);
    }

    @Test
    void linesPublishedFromStandardInputArriveInOrder() {
        String topic = Ids.unique("cli/lines");
        MosquittoCli.RunningSub sub = MosquittoCli.sub(broker, "-t", topic, "-q", "1", "-C", "5", "-W", "5");
        MosquittoCli.Result pub = MosquittoCli.pubLines(broker, "l1\nl2\nl3\nl4\nl5\n", "-t", topic, "-q", "1", "-l");
        assertEquals(0, pub.exitCode());
        assertPrinted(List.of("l1", "l2", "l3", "l4", "l5"), sub);
    }

    @Test
    void persistentSubscriberGetsTheMessagesSentWhileItWasAway() {
        String id = Ids.unique("clisub");
        String topic = Ids.unique("cli/offline");
        // -c: persistent session; -E: exit as soon as the subscription is acknowledged
        MosquittoCli.sub(broker, "-c", "-i", id, "-q", "1", "-t", topic, "-E").awaitExit(EXIT);
        pub("-t", topic, "-q", "1", "-m", "while away 1");
        pub("-t", topic, "-q", "1", "-m", "while away 2");
        MosquittoCli.RunningSub back = MosquittoCli.sub(broker, "-c", "-i", id, "-q", "1", "-t", topic, "-C", "2", "-W", "5");
        assertPrinted(List.of("while away 1", "while away 2"), back);
    }

    @Test
    void willOfAKilledSubscriberIsPublished() {
        String willTopic = Ids.unique("cli/will");
        MosquittoCli.RunningSub watcher = MosquittoCli.sub(broker, "-t", willTopic, "-C", "1", "-W", "5", "-F", "%q %p");
        MosquittoCli.RunningSub doomed = MosquittoCli.sub(broker, "-t", Ids.unique("cli/any"), "-W", "30",
                "--will-topic", willTopic, "--will-payload", "killed", "--will-qos", "1");
        doomed.kill();
        assertPrinted(List.of("0 killed"), watcher);
    }
}
