package io.starling.it.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.TestBroker;
import io.starling.it.tls.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real MQTT.js client over WSS ({@code wss://127.0.0.1:PORT/mqtt}) to a {@code protocol websockets}
 * listener with {@code certfile}/{@code keyfile}, trusting the test CA through MQTT.js's {@code ca}
 * option ({@code mqttjs-roundtrip.js --ca}), as a Node user configures it.
 */
class MqttJsOverWssIT {

    private static final String SCRIPT = "mqttjs-roundtrip.js";
    /** Beyond the script's own 15 s give-up. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestBroker broker;
    static int wssPort;

    @BeforeAll
    static void start() throws IOException {
        MqttJs.requireInstalled();
        certs = TestCertificates.create(Files.createDirectory(dir.resolve("certs")));
        int plainPort = TestBroker.freePort();
        wssPort = TestBroker.freePortOtherThan(plainPort);
        // a plain listener too: Mosquitto 2.0.11 exits ("Unable to start any listening sockets")
        // when its only listeners are websockets ones
        broker = TestBroker.startWithConfig("allow_anonymous true\n"
                + "listener " + plainPort + " " + TestBroker.HOST + "\n"
                + "listener " + wssPort + " " + TestBroker.HOST + "\nprotocol websockets\n"
                + "certfile " + certs.serverCert() + "\nkeyfile " + certs.serverKey() + "\n", plainPort);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String url() {
        return "wss://" + TestBroker.HOST + ":" + wssPort + "/mqtt";
    }

    @ParameterizedTest(name = "protocol version {0}")
    @ValueSource(ints = {4, 5})
    void messagePublishedByMqttJsOverWssReachesMqttJsSubscriber(int protocol) {
        String topic = "wss/mqttjs/" + protocol;

        MqttJs.Result r = MqttJs.run(SCRIPT, List.of(url(), "--ca", certs.caCert().toString(),
                "--protocol", String.valueOf(protocol), "--topic", topic, "--qos", "1"), TIMEOUT);

        assertEquals(0, r.exitCode(), r.transcript());
        assertEquals(MqttJsOverWebSocketIT.expected(protocol, 1, false, topic, false, 32), r.out(), r.transcript());
    }

    @Test
    void mqttJsWithoutTheCaRefusesTheBrokersCertificate() {
        // the other side of --ca: the test CA is trusted only because the script is told to
        MqttJs.Result r = MqttJs.run(SCRIPT, List.of(url(),
                "--protocol", "4", "--topic", "wss/mqttjs/untrusted", "--qos", "1"), TIMEOUT);

        assertEquals(1, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("certificate"), r.transcript());
    }
}
