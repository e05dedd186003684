package io.starling.it.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.TestBroker;
import io.starling.node.BrokerNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BrokerNode#reload()} (what SIGHUP and {@code starling-ctrl reload} call): new connections get the re-read
 * certificate; a listener whose new files are bad keeps its current ones, and the error names the
 * mosquitto.conf line.
 */
class TlsReloadIT {

    @TempDir
    Path dir;

    @Test
    void reloadServesNewFilesAndKeepsTheOldOnesWhenTheNewAreBad() throws Exception {
        TestCertificates certs = TestCertificates.create(Files.createDirectory(dir.resolve("certs")));
        Path cert = dir.resolve("live.crt");
        Path key = dir.resolve("live.key");
        Files.copy(certs.serverCert(), cert);
        Files.copy(certs.serverKey(), key);
        int port = TestBroker.freePort();
        Path conf = Files.writeString(dir.resolve("reload.conf"), "allow_anonymous true\nlistener " + port + " "
                + TestBroker.HOST + "\ncertfile " + cert + "\nkeyfile " + key + "\n");

        try (BrokerNode node = BrokerNode.startFromConfigFile(conf)) {
            assertEquals("RSA", servedCertificate(certs, port).getPublicKey().getAlgorithm());

            Files.copy(certs.ecServerCert(), cert, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(certs.ecServerKey(), key, StandardCopyOption.REPLACE_EXISTING);
            assertEquals(List.of(), node.reload());
            assertEquals("EC", servedCertificate(certs, port).getPublicKey().getAlgorithm());

            Files.writeString(key, "not a key any more\n");
            List<String> errors = node.reload();
            assertEquals(1, errors.size());
            assertTrue(errors.get(0).startsWith(conf + ":4: keyfile " + key), errors.get(0));
            assertEquals("EC", servedCertificate(certs, port).getPublicKey().getAlgorithm());
        }
    }

    private static X509Certificate servedCertificate(TestCertificates certs, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) certs.clientContext().getSocketFactory()
                .createSocket(TestBroker.HOST, port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
