package io.starling.it.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import io.starling.it.TestBroker;
import io.starling.it.core.MosquittoCli;
import io.starling.it.core.PahoCollector;
import io.starling.it.v5.HiveClients;
import io.starling.it.ws.UpgradeRequests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS listeners as a Mosquitto user configures them (certfile, keyfile, cafile, crlfile,
 * require_certificate, tls_version, protocol websockets), driven by mosquitto_pub/mosquitto_sub,
 * Paho and the HiveMQ client. Runs against Mosquitto too ({@code -Dstarling.it.broker=mosquitto}).
 */
class TlsListenerIT {

    /** websockets_headers_size: header bytes the WSS listener accepts in an upgrade request. */
    private static final int HEADERS_SIZE = 4096;

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestBroker broker;
    /** certfile/keyfile only: server-authenticated TLS 1.2 or 1.3. */
    static int tlsPort;
    /** require_certificate true, cafile, crlfile. */
    static int mutualPort;
    /** tls_version tlsv1.3. */
    static int tls13Port;
    /** protocol websockets over TLS. */
    static int wssPort;
    /** use_identity_as_username true, require_certificate false: no client is asked for a certificate. */
    static int identityWithoutCertPort;

    @BeforeAll
    static void start() throws IOException {
        certs = TestCertificates.create(Files.createDirectory(dir.resolve("certs")));
        tlsPort = TestBroker.freePort();
        mutualPort = distinctPort(tlsPort);
        tls13Port = distinctPort(tlsPort, mutualPort);
        wssPort = distinctPort(tlsPort, mutualPort, tls13Port);
        identityWithoutCertPort = distinctPort(tlsPort, mutualPort, tls13Port, wssPort);
        String server = "certfile " + certs.serverCert() + "\nkeyfile " + certs.serverKey() + "\n";
        broker = TestBroker.startWithConfig("allow_anonymous true\nwebsockets_headers_size " + HEADERS_SIZE + "\n"
                + "listener " + tlsPort + " " + TestBroker.HOST + "\n" + server
                + "listener " + mutualPort + " " + TestBroker.HOST + "\n" + server
                + "cafile " + certs.caCert() + "\nrequire_certificate true\ncrlfile " + certs.crl() + "\n"
                + "listener " + tls13Port + " " + TestBroker.HOST + "\n" + server + "tls_version tlsv1.3\n"
                + "listener " + wssPort + " " + TestBroker.HOST + "\nprotocol websockets\n" + server
                + "listener " + identityWithoutCertPort + " " + TestBroker.HOST + "\n" + server
                + "cafile " + certs.caCert() + "\nuse_identity_as_username true\n", tlsPort);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    static int distinctPort(int... taken) {
        return TestBroker.freePortOtherThan(taken);
    }

    private String ca() {
        return certs.caCert().toString();
    }

    @Test
    void mosquittoClientsTalkOverTlsWithCafile() {
        for (String version : new String[] {"tlsv1.2", "tlsv1.3"}) {
            String topic = "tls/cli/" + version;
            MosquittoCli.RunningSub sub = MosquittoCli.sub(tlsPort, "--cafile", ca(), "--tls-version", version,
                    "-t", topic, "-C", "1", "-W", "10");
            MosquittoCli.Result pub = MosquittoCli.pub(tlsPort, "--cafile", ca(), "--tls-version", version,
                    "-t", topic, "-m", "over " + version);

            assertEquals(0, pub.exitCode(), "mosquitto_pub " + version + ": " + pub.lines());
            MosquittoCli.Result received = sub.awaitExit(Duration.ofSeconds(10));
            assertEquals(java.util.List.of("over " + version), received.lines());
        }
    }

    @Test
    void mosquittoClientWithCertificateIsAcceptedWhereOneIsRequired() {
        MosquittoCli.Result pub = MosquittoCli.pub(mutualPort, "--cafile", ca(), "--cert",
                certs.clientCert().toString(), "--key", certs.clientKey().toString(), "-t", "tls/mutual", "-m", "x");

        assertEquals(0, pub.exitCode(), "mosquitto_pub: " + pub.lines());
    }

    @Test
    void tls12AndTls13ClientsConnectByDefault() {
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            Mqtt5BlockingClient client = TlsClients.hiveOnly(certs, tlsPort, "only-" + protocol, protocol);
            client.connect();
            HiveClients.disconnectQuietly(client);
        }
    }

    @Test
    void tlsVersionTls13RefusesATls12Client() {
        // mosquitto_pub's --tls-version is a minimum too, so a client pinned to TLS 1.2 is Java's
        Mqtt5BlockingClient tls12 = TlsClients.hiveOnly(certs, tls13Port, "only-tls12", "TLSv1.2");
        assertThrows(RuntimeException.class, tls12::connect);

        MosquittoCli.Result tls13 = MosquittoCli.pub(tls13Port, "--cafile", ca(), "--tls-version", "tlsv1.3",
                "-t", "tls/v", "-m", "x");
        assertEquals(0, tls13.exitCode(), "TLS 1.3 client: " + tls13.lines());
    }

    @Test
    void pahoAndHiveMqClientsExchangeMessagesOverTls() throws Exception {
        Mqtt5BlockingClient hive = TlsClients.hive(certs, tlsPort, "tls-hive", null);
        hive.connect();
        try (Mqtt5Publishes received = hive.publishes(MqttGlobalPublishFilter.ALL)) {
            hive.subscribeWith().topicFilter("tls/paho").qos(MqttQos.AT_LEAST_ONCE).send();
            var paho = TlsClients.paho(certs, tlsPort, "tls-paho", null);
            try {
                paho.publish("tls/paho", new MqttMessage("from paho".getBytes()));
            } finally {
                paho.disconnect();
                paho.close();
            }
            assertEquals("from paho", HiveClients.text(HiveClients.next(received)));
        } finally {
            HiveClients.disconnectQuietly(hive);
        }
    }

    @Test
    void pahoWithClientCertificateConnectsWhereOneIsRequired() throws Exception {
        var paho = TlsClients.paho(certs, mutualPort, "tls-paho-cert", "client");
        paho.disconnect();
        paho.close();
    }

    @Test
    void hiveMqClientWorksOverWss() {
        Mqtt5BlockingClient wss = TlsClients.hiveOverWss(certs, wssPort, "wss-hive");
        wss.connect();
        try (Mqtt5Publishes received = wss.publishes(MqttGlobalPublishFilter.ALL)) {
            wss.subscribeWith().topicFilter("tls/wss").qos(MqttQos.AT_LEAST_ONCE).send();
            wss.publishWith().topic("tls/wss").qos(MqttQos.AT_LEAST_ONCE).payload(HiveClients.utf8("wss")).send();
            assertEquals("wss", HiveClients.text(HiveClients.next(received)));
        } finally {
            HiveClients.disconnectQuietly(wss);
        }
    }

    @Test
    void pahoClientsExchangeMessagesOverWss() throws Exception {
        PahoCollector received = new PahoCollector();
        var sub = TlsClients.pahoOverWss(certs, wssPort, "wss-paho-sub", received);
        var pub = TlsClients.pahoOverWss(certs, wssPort, "wss-paho-pub", new PahoCollector());
        try {
            sub.subscribe("tls/wss/paho", 1);
            pub.publish("tls/wss/paho", "paho over wss".getBytes(StandardCharsets.UTF_8), 1, false);

            PahoCollector.Received r = received.next(Duration.ofSeconds(5));
            assertEquals("tls/wss/paho", r.topic());
            assertEquals("paho over wss", r.text());
            assertEquals(1, r.message().getQos(), "delivered QoS");
        } finally {
            pub.disconnect();
            sub.disconnect();
            pub.close();
            sub.close();
        }
    }

    @Test
    void clientWithoutCertificateIsRefusedWhereOneIsRequired() {
        try (TlsBystander bystander = TlsBystander.connect(certs, tlsPort, "bystander-nocert")) {
            assertThrows(MqttException.class, () -> TlsClients.paho(certs, mutualPort, "no-cert", null));
            MosquittoCli.Result pub = MosquittoCli.pub(mutualPort, "--cafile", ca(), "-t", "tls/x", "-m", "x");
            assertNotEquals(0, pub.exitCode(), "mosquitto_pub without certificate: " + pub.lines());
            bystander.assertStillWorks();
        }
    }

    @Test
    void revokedCertificateIsRefused() {
        try (TlsBystander bystander = TlsBystander.connect(certs, tlsPort, "bystander-revoked")) {
            assertThrows(MqttException.class, () -> TlsClients.paho(certs, mutualPort, "revoked", "revoked"));
            MosquittoCli.Result pub = MosquittoCli.pub(mutualPort, "--cafile", ca(), "--cert",
                    certs.revokedCert().toString(), "--key", certs.revokedKey().toString(), "-t", "tls/x", "-m", "x");
            assertNotEquals(0, pub.exitCode(), "mosquitto_pub with a revoked certificate: " + pub.lines());
            bystander.assertStillWorks();
        }
    }

    @Test
    void certificateOfAnotherCaIsRefused() {
        assertThrows(MqttException.class, () -> TlsClients.paho(certs, mutualPort, "untrusted", "untrusted"));
        // unlike Java's, OpenSSL's client sends its certificate whatever CAs the server names
        MosquittoCli.Result pub = MosquittoCli.pub(mutualPort, "--cafile", ca(), "--cert",
                certs.untrustedCert().toString(), "--key", certs.untrustedKey().toString(), "-t", "tls/x", "-m", "x");
        assertNotEquals(0, pub.exitCode(), "mosquitto_pub with an untrusted certificate: " + pub.lines());
    }

    @Test
    void plainMqttOnATlsPortClosesOnlyThatConnection() throws IOException {
        try (TlsBystander bystander = TlsBystander.connect(certs, tlsPort, "bystander-plain");
                Socket plain = new Socket(TestBroker.HOST, tlsPort)) {
            plain.setSoTimeout(5000);
            OutputStream out = plain.getOutputStream();
            // an MQTT 3.1.1 CONNECT, client id "p", in the clear
            out.write(new byte[] {0x10, 0x0d, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c, 0x00, 0x01, 'p'});
            out.flush();
            assertTrue(closedByBroker(plain.getInputStream()), "the broker should close a plain connection");
            bystander.assertStillWorks();
        }
    }

    @Test
    void oversizedUpgradeRequestOverWssClosesOnlyThatConnection() throws IOException {
        try (TlsBystander bystander = TlsBystander.connectOverWss(certs, wssPort, "bystander-wss-headers");
                SSLSocket wss = (SSLSocket) certs.clientContext().getSocketFactory()
                        .createSocket(TestBroker.HOST, wssPort)) {
            wss.startHandshake();

            // four times websockets_headers_size, and beyond what Mosquitto's libwebsockets buffer takes
            String answer = UpgradeRequests.sendAndReadUntilClosed(wss, UpgradeRequests.withPadding(4 * HEADERS_SIZE),
                    Duration.ofSeconds(5));

            if (!broker.isMosquitto()) {
                assertTrue(answer.startsWith("HTTP/1.1 431 "), answer); // Mosquitto closes without an answer
            }
            bystander.assertStillWorks();
        }
    }

    @Test
    void useIdentityAsUsernameRefusesAClientWithoutCertificateAsBadUsernameOrPassword() {
        MosquittoCli.Result pub = MosquittoCli.pub(identityWithoutCertPort, "--cafile", ca(), "-t", "tls/x", "-m", "x");

        assertNotEquals(0, pub.exitCode());
        assertTrue(String.join("\n", pub.lines()).contains("bad user name or password"), pub.lines()
                .toString());
    }

    /** Reads until end of stream (bounded by the socket timeout and a byte budget). */
    private static boolean closedByBroker(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        for (int read = 0; read < 64 * 1024; ) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the broker
            }
            if (n < 0) {
                return true;
            }
            read += n;
        }
        return false;
    }
}
