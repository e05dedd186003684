package io.starling.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The TLS settings of one listener (Mosquitto 2.0's per-listener {@code certfile}, {@code keyfile},
 * {@code cafile}, {@code capath}, {@code crlfile}, {@code tls_version}, {@code ciphers},
 * {@code ciphers_tls1.3}, {@code require_certificate}, {@code use_identity_as_username},
 * {@code use_subject_as_username}). A listener with {@code certfile} and {@code keyfile} is a TLS
 * listener; {@link ListenerConfig#tls()} is null for a plain one.
 *
 * <p>The files are only named here: they are read when the listener opens and again on reload,
 * and an error then names the line that set the file ({@link #line}).
 *
 * @param certfile the server's certificate chain (PEM)
 * @param keyfile its private key (PEM: PKCS#8, or PKCS#1 RSA / SEC1 EC)
 * @param cafile CA certificates that sign client certificates (PEM); null if unset
 * @param capath a directory of CA certificates (PEM files); null if unset
 * @param crlfile a certificate revocation list (PEM) checked for client certificates; null if unset
 * @param tlsVersion the lowest TLS version accepted: {@code tlsv1.3}, {@code tlsv1.2} (the
 *     default) or {@code tlsv1.1}
 * @param ciphers OpenSSL cipher names for TLS 1.2 and below, separated by {@code :}; null = default
 * @param ciphersTls13 TLS 1.3 cipher suites, separated by {@code :}; null = default
 * @param requireCertificate clients must present a certificate signed by {@code cafile}/{@code capath}
 * @param useIdentityAsUsername the client certificate's subject CN is the client's username
 * @param useSubjectAsUsername the client certificate's whole subject (RFC 2253) is its username
 * @param lines where each option given was set, by option name
 */
public record TlsConfig(
        Path certfile,
        Path keyfile,
        Path cafile,
        Path capath,
        Path crlfile,
        String tlsVersion,
        String ciphers,
        String ciphersTls13,
        boolean requireCertificate,
        boolean useIdentityAsUsername,
        boolean useSubjectAsUsername,
        Map<String, OptionLine> lines) {

    public static final String TLS_V13 = "tlsv1.3";
    public static final String TLS_V12 = "tlsv1.2";
    public static final String TLS_V11 = "tlsv1.1";

    public TlsConfig {
        lines = Map.copyOf(lines);
    }

    /** The line that set {@code option}; a line-less stand-in if it was not set in a file. */
    public OptionLine line(String option) {
        OptionLine line = lines.get(option);
        return line != null ? line : new OptionLine(null, 0, option);
    }

    /** Whether the client certificate gives the username (either option). */
    public boolean certificateGivesUsername() {
        return useIdentityAsUsername || useSubjectAsUsername;
    }
}
