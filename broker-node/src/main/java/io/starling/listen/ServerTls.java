package io.starling.listen;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.starling.config.ConfigException;
import io.starling.config.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TLS listener's server side: its settings and the Netty {@link SslContext} built from the
 * files they name. The context can be rebuilt ({@link #reload}) while the listener runs: new
 * connections then use the new one, established ones keep theirs.
 */
public final class ServerTls {

    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private final TlsConfig config;
    private volatile SslContext context;

    private ServerTls(TlsConfig config, SslContext context) {
        this.config = config;
        this.context = context;
    }

    /**
     * Reads the listener's files and builds its context.
     *
     * @throws ConfigException naming the mosquitto.conf line of the file (or option) at fault
     */
    public static ServerTls load(TlsConfig config) throws ConfigException {
        return new ServerTls(config, build(config));
    }

    /**
     * Reads the files again and uses them for new connections. On an error the current context
     * stays in use.
     */
    public void reload() throws ConfigException {
        context = build(config);
    }

    public TlsConfig config() {
        return config;
    }

    /** The handler that starts a new connection's TLS, from the current context. */
    SslHandler newHandler(ByteBufAllocator allocator) {
        return context.newHandler(allocator);
    }

    /** How client certificates give usernames on this listener; null when they do not. */
    CertificateIdentity identity() {
        if (config.useIdentityAsUsername()) {
            return CertificateIdentity.COMMON_NAME; // Mosquitto: identity wins over subject
        }
        return config.useSubjectAsUsername() ? CertificateIdentity.SUBJECT : null;
    }

    /** Builds a context from the files of {@code tls}; every error names the option's line. */
    static SslContext build(TlsConfig tls) throws ConfigException {
        List<X509Certificate> chain = read(tls, "certfile", () -> PemFiles.certificates(tls.certfile()));
        PrivateKey key = read(tls, "keyfile", () -> PemFiles.privateKey(tls.keyfile()));
        if (!PemFiles.matches(key, chain.get(0))) {
            throw tls.line("keyfile").error("keyfile " + tls.keyfile() + " does not match the certificate of"
                    + " certfile " + tls.certfile());
        }
        SslContextBuilder builder = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK)
                .protocols(protocols(tls.tlsVersion()))
                .clientAuth(tls.requireCertificate() ? ClientAuth.REQUIRE : ClientAuth.NONE);
        if (tls.cafile() != null || tls.capath() != null) {
            builder.trustManager(trustManagers(tls));
        }
        List<String> ciphers = TlsCiphers.of(tls);
        if (ciphers != null) {
            builder.ciphers(ciphers, SupportedCipherSuiteFilter.INSTANCE);
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw tls.line("certfile").error("cannot use certfile " + tls.certfile() + " with keyfile "
                    + tls.keyfile() + ": " + e.getMessage());
        }
    }

    /** Mosquitto's {@code tls_version} is the lowest version accepted. */
    private static String[] protocols(String minimum) {
        return switch (minimum) {
            case TlsConfig.TLS_V13 -> new String[] {"TLSv1.3"};
            case TlsConfig.TLS_V11 -> new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1"};
            default -> new String[] {"TLSv1.3", "TLSv1.2"};
        };
    }

    /** CA certificates from cafile and capath; with crlfile, end-entity certificates are checked against it. */
    private static TrustManagerFactory trustManagers(TlsConfig tls) throws ConfigException {
        List<X509Certificate> authorities = new ArrayList<>();
        if (tls.cafile() != null) {
            authorities.addAll(read(tls, "cafile", () -> PemFiles.certificates(tls.cafile())));
        }
        if (tls.capath() != null) {
            authorities.addAll(capath(tls));
        }
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
            if (tls.crlfile() != null) {
                List<X509CRL> crls = read(tls, "crlfile", () -> PemFiles.crls(tls.crlfile()));
                parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
                // as OpenSSL's X509_V_FLAG_CRL_CHECK: the client's own certificate, from the CRL file only
                PKIXRevocationChecker revocation =
                        (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX").getRevocationChecker();
                revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY,
                        PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
                parameters.addCertPathChecker(revocation);
                parameters.setRevocationEnabled(true); // with the checker above instead of the default one
            } else {
                parameters.setRevocationEnabled(false);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(new CertPathTrustManagerParameters(parameters));
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw tls.line(tls.cafile() != null ? "cafile" : "capath").error(
                    "cannot use the CA certificates: " + e.getMessage());
        }
    }

    private static List<X509Certificate> capath(TlsConfig tls) throws ConfigException {
        Path dir = tls.capath();
        if (!Files.isDirectory(dir)) {
            throw tls.line("capath").error("capath " + dir + " is not a readable directory");
        }
        List<X509Certificate> authorities = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (PemFiles.holdsCertificate(file)) {
                    authorities.addAll(read(tls, "capath", () -> PemFiles.certificates(file)));
                }
            }
        } catch (IOException e) {
            throw tls.line("capath").error("cannot read capath " + dir + ": " + e.getMessage());
        }
        if (authorities.isEmpty()) {
            log.warn("{}:{}: capath {} holds no PEM certificate", tls.line("capath").file(),
                    tls.line("capath").line(), dir);
        }
        return authorities;
    }

    private interface Reader<T> {
        T read() throws PemFiles.BadFile;
    }

    private static <T> T read(TlsConfig tls, String option, Reader<T> reader) throws ConfigException {
        try {
            return reader.read();
        } catch (PemFiles.BadFile e) {
            Path file = switch (option) {
                case "certfile" -> tls.certfile();
                case "keyfile" -> tls.keyfile();
                case "cafile" -> tls.cafile();
                case "crlfile" -> tls.crlfile();
                default -> tls.capath();
            };
            throw tls.line(option).error(option + " " + file + ": " + e.getMessage());
        }
    }
}
