package io.starling.it.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for TLS tests, made by {@code openssl} in a temporary directory (never committed):
 * a CA, a server certificate for 127.0.0.1 (subjectAltName IP:127.0.0.1) with its key in PKCS#8,
 * PKCS#1 and an EC (SEC1) variant, client certificates signed by the CA, one of them revoked by
 * {@link #crl()}, and a client certificate from another, untrusted CA.
 */
public final class TestCertificates {

    /** The subject of {@link #clientCert()}, as RFC 2253 writes it. */
    public static final String CLIENT_SUBJECT = "CN=client-one,O=Starling Test,C=GB";
    public static final String CLIENT_CN = "client-one";
    private static final char[] PASSWORD = "test-only".toCharArray();

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Makes every file in {@code dir} (a few seconds of openssl). */
    public static TestCertificates create(Path dir) {
        TestCertificates c = new TestCertificates(dir);
        c.generate();
        return c;
    }

    public Path dir() {
        return dir;
    }

    public Path caCert() {
        return dir.resolve("ca.crt");
    }

    public Path serverCert() {
        return dir.resolve("server.crt");
    }

    /** The server key in PKCS#8 ({@code BEGIN PRIVATE KEY}). */
    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** The same server key in PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). */
    public Path serverKeyPkcs1() {
        return dir.resolve("server-pkcs1.key");
    }

    /** A second server certificate, for an EC key in SEC1 form ({@code BEGIN EC PRIVATE KEY}). */
    public Path ecServerCert() {
        return dir.resolve("server-ec.crt");
    }

    public Path ecServerKey() {
        return dir.resolve("server-ec.key");
    }

    public Path clientCert() {
        return dir.resolve("client.crt");
    }

    public Path clientKey() {
        return dir.resolve("client.key");
    }

    public Path revokedCert() {
        return dir.resolve("revoked.crt");
    }

    public Path revokedKey() {
        return dir.resolve("revoked.key");
    }

    /** A CRL of the CA revoking {@link #revokedCert()}. */
    public Path crl() {
        return dir.resolve("crl.pem");
    }

    /** A client certificate signed by a CA the broker does not know. */
    public Path untrustedCert() {
        return dir.resolve("untrusted.crt");
    }

    public Path untrustedKey() {
        return dir.resolve("untrusted.key");
    }

    /** An SSL context trusting the test CA, presenting no client certificate. */
    public SSLContext clientContext() {
        return clientContext(null);
    }

    /**
     * An SSL context trusting the test CA and presenting {@code name}'s certificate ("client",
     * "revoked" or "untrusted"); null name = no certificate.
     */
    public SSLContext clientContext(String name) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(name == null ? null : keyManagers(name).getKeyManagers(),
                    trustManagers().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For Paho: {@link #clientContext(String)}'s socket factory. */
    public SSLSocketFactory socketFactory(String name) {
        return clientContext(name).getSocketFactory();
    }

    /** Trusts the test CA. */
    public TrustManagerFactory trustManagers() {
        try (InputStream in = Files.newInputStream(caCert())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Presents {@code name}'s certificate ("client", "revoked" or "untrusted"). */
    public KeyManagerFactory keyManagers(String name) {
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, PASSWORD);
            return factory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void generate() {
        try {
            Files.writeString(dir.resolve("req.cnf"), "[req]\ndistinguished_name=dn\n[dn]\n");
            Files.writeString(dir.resolve("ca.cnf"), "[ca]\ndefault_ca=test\n[test]\ndatabase=index.txt\n"
                    + "crlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=2\n");
            Files.writeString(dir.resolve("index.txt"), "");
            Files.writeString(dir.resolve("crlnumber"), "01\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rsaKey("ca.key");
        openssl("req", "-config", "req.cnf", "-x509", "-new", "-key", "ca.key", "-days", "2",
                "-subj", "/CN=Starling Test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", "ca.crt");
        rsaKey("server.key");
        signed("server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        openssl("rsa", "-in", "server.key", "-traditional", "-out", "server-pkcs1.key");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "server-ec.key");
        signed("server-ec", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        ecKey("client.key");
        signed("client", "/C=GB/O=Starling Test/CN=" + CLIENT_CN, null);
        ecKey("revoked.key");
        signed("revoked", "/O=Starling Test/CN=revoked", null);
        openssl("ca", "-config", "ca.cnf", "-revoke", "revoked.crt", "-keyfile", "ca.key", "-cert", "ca.crt");
        openssl("ca", "-config", "ca.cnf", "-gencrl", "-keyfile", "ca.key", "-cert", "ca.crt", "-out", "crl.pem");
        ecKey("other-ca.key");
        openssl("req", "-config", "req.cnf", "-x509", "-new", "-key", "other-ca.key", "-days", "2",
                "-subj", "/CN=Other CA", "-addext", "basicConstraints=critical,CA:TRUE", "-out", "other-ca.crt");
        ecKey("untrusted.key");
        openssl("req", "-config", "req.cnf", "-x509", "-new", "-key", "untrusted.key", "-CA", "other-ca.crt",
                "-CAkey", "other-ca.key", "-days", "2", "-subj", "/CN=untrusted",
                "-addext", "basicConstraints=CA:FALSE", "-out", "untrusted.crt");
        for (String name : List.of("client", "revoked", "untrusted")) {
            openssl("pkcs12", "-export", "-in", name + ".crt", "-inkey", name + ".key", "-out", name + ".p12",
                    "-passout", "pass:" + new String(PASSWORD));
        }
        readableByOthers();
    }

    /**
     * Debian's mosquitto, started as root by {@code -Dstarling.it.broker=mosquitto}, reads its
     * files as the user {@code mosquitto}: these throwaway test files and their directory (and the
     * test's temporary directory above it) must be readable by others.
     */
    private void readableByOthers() {
        try {
            for (Path file : Files.list(dir).toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (dir.getParent() != null && dir.getParent().getFileName().toString().startsWith("junit")) {
                Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not POSIX: Mosquitto runs are Debian-only anyway
        }
    }

    private void rsaKey(String file) {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", file);
    }

    private void ecKey(String file) {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file);
    }

    /** {@code name}.crt for {@code name}.key, signed by the test CA. */
    private void signed(String name, String subject, String extension) {
        List<String> args = new ArrayList<>(List.of("req", "-config", "req.cnf", "-x509", "-new",
                "-key", name + ".key", "-CA", "ca.crt", "-CAkey", "ca.key", "-days", "2", "-subj", subject,
                "-addext", "basicConstraints=CA:FALSE"));
        if (extension != null) {
            args.addAll(List.of("-addext", extension));
        }
        args.addAll(List.of("-out", name + ".crt"));
        openssl(args.toArray(String[]::new));
    }

    private void openssl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd + " did not end within 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(cmd + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
