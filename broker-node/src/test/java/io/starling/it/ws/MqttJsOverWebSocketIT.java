package io.starling.it.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.starling.it.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real MQTT.js client (npm {@code mqtt} 5.x, run by node), as browser and Node-RED style users
 * configure it: {@code ws://host:port/mqtt}, MQTT 3.1.1 (protocolVersion 4) and MQTT 5. Each case runs
 * {@code src/test/js/mqttjs-roundtrip.js}, which connects a publisher and a subscriber and prints one
 * line per step; the assertions compare those lines.
 */
class MqttJsOverWebSocketIT {

    private static final String SCRIPT = "mqttjs-roundtrip.js";
    /** Beyond the script's own 15 s give-up, so a hung node process is the only way to hit it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_SIZE = 32;
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClassWithWebSockets("");

    @BeforeAll
    static void npmDependenciesAreInstalled() {
        MqttJs.requireInstalled();
    }

    @ParameterizedTest(name = "protocol version {0}, QoS {1}")
    @CsvSource({"4, 0", "4, 1", "4, 2", "5, 0", "5, 1", "5, 2"})
    void messagePublishedByMqttJsReachesMqttJsSubscriberAtItsQos(int protocol, int qos) {
        String topic = topic("qos" + qos);

        MqttJs.Result r = roundTrip(protocol, topic, qos, DEFAULT_SIZE, false);

        assertEquals(expected(protocol, qos, false, topic, false, DEFAULT_SIZE), r.out(), r.transcript());
    }

    @ParameterizedTest(name = "protocol version {0}")
    @ValueSource(ints = {4, 5})
    void retainedMessageReachesMqttJsSubscriberThatComesLater(int protocol) {
        String topic = topic("retained");

        // QoS 1, so the publisher's PUBACK says the broker holds the message before the subscriber connects
        MqttJs.Result r = roundTrip(protocol, topic, 1, DEFAULT_SIZE, true);

        assertEquals(expected(protocol, 1, true, topic, true, DEFAULT_SIZE), r.out(), r.transcript());
    }

    @ParameterizedTest(name = "protocol version {0}")
    @ValueSource(ints = {4, 5})
    void messageOf200KilobytesArrivesIntact(int protocol) {
        String topic = topic("large");
        int size = 200 * 1024;

        MqttJs.Result r = roundTrip(protocol, topic, 1, size, false);

        assertEquals(expected(protocol, 1, false, topic, false, size), r.out(), r.transcript());
    }

    private static String topic(String what) {
        return "ws/mqttjs/" + what + "/" + IDS.incrementAndGet();
    }

    private static MqttJs.Result roundTrip(int protocol, String topic, int qos, int size, boolean retained) {
        List<String> args = new ArrayList<>(List.of(broker.webSocketUri(), "--protocol", String.valueOf(protocol),
                "--topic", topic, "--qos", String.valueOf(qos), "--size", String.valueOf(size)));
        if (retained) {
            args.add("--retained");
        }
        MqttJs.Result r = MqttJs.run(SCRIPT, args, TIMEOUT);
        assertEquals(0, r.exitCode(), r.transcript());
        return r;
    }

    /**
     * The script's lines for a successful run: the order of CONNACKs, SUBACK and publish follows the
     * script (a retained message is published before its subscriber connects). Also {@link MqttJsOverWssIT}'s.
     */
    static List<String> expected(int protocol, int qos, boolean retainedFirst, String topic,
            boolean retainFlag, int size) {
        String connack = "connack protocol=" + protocol + " sessionPresent=false reasonCode=0";
        String suback = "suback granted=" + qos;
        String published = "published qos=" + qos;
        String received = "received topic=" + topic + " qos=" + qos + " retain=" + retainFlag
                + " length=" + size + " intact=true";
        return retainedFirst
                ? List.of(connack, published, connack, suback, received)
                : List.of(connack, connack, suback, published, received);
    }
}
