package io.starling.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.config.BrokerConfig;
import io.starling.config.ConfigException;
import io.starling.config.ConfigParser;
import io.starling.config.TlsConfig;
import io.starling.it.tls.TestCertificates;
import io.starling.node.BrokerNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TLS listener's files: the key forms Mosquitto users have, and bad files refused with their line. */
class ServerTlsTest {

    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void makeCertificates() throws IOException {
        certs = TestCertificates.create(Files.createDirectory(dir.resolve("certs")));
    }

    private static TlsConfig tls(String... lines) throws Exception {
        Path conf = dir.resolve("tls.conf");
        Files.writeString(conf, "listener 8883 127.0.0.1\n" + String.join("\n", lines) + "\n");
        BrokerConfig config = ConfigParser.parse(conf);
        return config.listeners().get(0).tls();
    }

    private static ConfigException refused(String... lines) throws Exception {
        TlsConfig tls = tls(lines);
        return assertThrows(ConfigException.class, () -> ServerTls.load(tls));
    }

    private static String conf() {
        return dir.resolve("tls.conf").toString();
    }

    @Test
    void pkcs8Pkcs1AndEcKeysAreRead() throws Exception {
        assertNotNull(ServerTls.load(tls("certfile " + certs.serverCert(), "keyfile " + certs.serverKey())));
        assertNotNull(ServerTls.load(tls("certfile " + certs.serverCert(), "keyfile " + certs.serverKeyPkcs1())));
        assertNotNull(ServerTls.load(tls("certfile " + certs.ecServerCert(), "keyfile " + certs.ecServerKey())));
    }

    @Test
    void fullSettingsAreAccepted() throws Exception {
        ServerTls tls = ServerTls.load(tls("certfile " + certs.serverCert(), "keyfile " + certs.serverKey(),
                "cafile " + certs.caCert(), "capath " + certs.dir(), "crlfile " + certs.crl(),
                "require_certificate true", "use_identity_as_username true", "tls_version tlsv1.3",
                "ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384",
                "ciphers_tls1.3 TLS_AES_256_GCM_SHA384"));
        assertEquals(CertificateIdentity.COMMON_NAME, tls.identity());
    }

    @Test
    void capathAloneAndTls11AreAccepted() throws Exception {
        assertNotNull(ServerTls.load(tls("certfile " + certs.serverCert(), "keyfile " + certs.serverKey(),
                "capath " + certs.dir(), "require_certificate true", "tls_version tlsv1.1")));
    }

    @Test
    void missingCertfileIsRefusedNamingItsLine() throws Exception {
        ConfigException e = refused("certfile " + dir.resolve("nope.crt"), "keyfile " + certs.serverKey());

        assertEquals(conf() + ":2: certfile " + dir.resolve("nope.crt") + ": no such file", e.getMessage());
        assertEquals("certfile", e.option());
    }

    @Test
    void garbageKeyfileIsRefusedNamingItsLine() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.key"), "this is no key\n");

        ConfigException e = refused("certfile " + certs.serverCert(), "keyfile " + garbage);

        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("not a PEM file"), e.getMessage());
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        ConfigException e = refused("certfile " + certs.serverCert(), "keyfile " + certs.clientKey());

        assertEquals(3, e.line());
        assertTrue(e.reason().contains("does not match"), e.getMessage());
    }

    @Test
    void garbageCafileAndCrlfileAreRefusedNamingTheirLines() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n"
                + "-----END CERTIFICATE-----\n");
        assertEquals(4, refused("certfile " + certs.serverCert(), "keyfile " + certs.serverKey(),
                "cafile " + garbage).line());
        assertEquals(5, refused("certfile " + certs.serverCert(), "keyfile " + certs.serverKey(),
                "cafile " + certs.caCert(), "crlfile " + certs.caCert(), "require_certificate true").line());
    }

    @Test
    void unknownCipherIsRefusedNamingItsLine() throws Exception {
        ConfigException e = refused("certfile " + certs.serverCert(), "keyfile " + certs.serverKey(),
                "ciphers HIGH:!aNULL");

        assertEquals(4, e.line());
        assertTrue(e.reason().contains("'HIGH'"), e.getMessage());
    }

    @Test
    void tlsOptionWithoutCertfileIsRefused() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> tls("cafile " + certs.caCert()));

        assertEquals(2, e.line());
        assertTrue(e.reason().contains("needs certfile and keyfile"), e.getMessage());
    }

    @Test
    void requireCertificateWithoutCaIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> tls("certfile " + certs.serverCert(),
                "keyfile " + certs.serverKey(), "require_certificate true"));

        assertEquals(4, e.line());
    }

    @Test
    void badTlsVersionIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> tls("certfile " + certs.serverCert(),
                "keyfile " + certs.serverKey(), "tls_version tlsv1"));

        assertEquals(conf() + ":4: invalid tls_version value 'tlsv1': must be tlsv1.3, tlsv1.2 or tlsv1.1",
                e.getMessage());
    }

    @Test
    void nodeDoesNotStartWithABadKeyfile() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage2.key"), "junk\n");
        Path conf = Files.writeString(dir.resolve("node.conf"), "listener 18883 127.0.0.1\ncertfile "
                + certs.serverCert() + "\nkeyfile " + garbage + "\n");

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BrokerNode.startFromConfigFile(conf));

        assertTrue(e.getMessage().startsWith(conf + ":3: keyfile " + garbage), e.getMessage());
    }
}
