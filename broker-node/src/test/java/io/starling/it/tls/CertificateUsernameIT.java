package io.starling.it.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.starling.it.TestBroker;
import io.starling.it.core.MosquittoCli;
import io.starling.it.v5.HiveClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * use_identity_as_username with allow_anonymous false: the client certificate's CN is the
 * username, so a certificate client without a username is accepted, and anonymous clients of a
 * plain listener are still refused.
 */
class CertificateUsernameIT {

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestBroker broker;
    static int identityPort;
    static int plainPort;

    @BeforeAll
    static void start() throws IOException {
        certs = TestCertificates.create(Files.createDirectory(dir.resolve("certs")));
        plainPort = TestBroker.freePort();
        identityPort = TlsListenerIT.distinctPort(plainPort);
        broker = TestBroker.startWithConfig("allow_anonymous false\n"
                + "listener " + plainPort + " " + TestBroker.HOST + "\n"
                + "listener " + identityPort + " " + TestBroker.HOST + "\n"
                + "certfile " + certs.serverCert() + "\nkeyfile " + certs.serverKeyPkcs1() + "\n"
                + "cafile " + certs.caCert() + "\nrequire_certificate true\nuse_identity_as_username true\n",
                plainPort);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void certificateClientWithoutUsernameIsAccepted() {
        Mqtt5BlockingClient client = TlsClients.hive(certs, identityPort, "identity-hive", "client");
        client.connect();
        HiveClients.disconnectQuietly(client);

        MosquittoCli.Result pub = MosquittoCli.pub(identityPort, "--cafile", certs.caCert().toString(),
                "--cert", certs.clientCert().toString(), "--key", certs.clientKey().toString(),
                "-t", "identity/x", "-m", "x");
        assertEquals(0, pub.exitCode(), "mosquitto_pub: " + pub.lines());
    }

    @Test
    void anonymousClientOfThePlainListenerIsStillRefused() {
        Mqtt5BlockingClient client = com.hivemq.client.mqtt.mqtt5.Mqtt5Client.builder()
                .identifier("anonymous").serverHost(TestBroker.HOST).serverPort(plainPort).buildBlocking();

        Mqtt5ConnAckException e = assertThrows(Mqtt5ConnAckException.class, client::connect);

        assertEquals(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, e.getMqttMessage().getReasonCode());
    }
}
