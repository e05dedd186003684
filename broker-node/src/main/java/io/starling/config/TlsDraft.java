package io.starling.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's TLS options while its file is being read. Only the values are checked here; the
 * files they name are read when the listener opens (see {@code listen.ServerTls}).
 */
final class TlsDraft {

    private static final Logger LOG = LoggerFactory.getLogger("io.starling.config");

    /** The per-listener options this draft takes. */
    static final Set<String> OPTIONS = Set.of("cafile", "capath", "certfile", "keyfile", "crlfile",
            "tls_version", "ciphers", "ciphers_tls1.3", "require_certificate", "use_identity_as_username",
            "use_subject_as_username");

    private Path cafile;
    private Path capath;
    private Path certfile;
    private Path keyfile;
    private Path crlfile;
    private String tlsVersion;
    private String ciphers;
    private String ciphersTls13;
    private boolean requireCertificate;
    private boolean useIdentityAsUsername;
    private boolean useSubjectAsUsername;
    private final Map<String, OptionLine> lines = new LinkedHashMap<>();

    /** Takes one of {@link #OPTIONS}; a text option set twice for a listener is refused, as in Mosquitto. */
    void apply(ConfigLine line) throws ConfigException {
        String option = line.option();
        OptionLine earlier = lines.get(option);
        boolean isFlag = option.startsWith("require_") || option.startsWith("use_");
        if (earlier != null && !isFlag) {
            throw line.error("duplicate " + option + " value (already set at " + earlier.file() + ":"
                    + earlier.line() + ")");
        }
        switch (option) {
            case "cafile" -> cafile = path(line);
            case "capath" -> capath = path(line);
            case "certfile" -> certfile = path(line);
            case "keyfile" -> keyfile = path(line);
            case "crlfile" -> crlfile = path(line);
            case "tls_version" -> tlsVersion = tlsVersion(line);
            case "ciphers" -> ciphers = line.single();
            case "ciphers_tls1.3" -> ciphersTls13 = line.single();
            case "require_certificate" -> requireCertificate = line.bool();
            case "use_identity_as_username" -> useIdentityAsUsername = line.bool();
            case "use_subject_as_username" -> useSubjectAsUsername = line.bool();
            default -> throw new IllegalArgumentException("not a TLS option: " + option);
        }
        lines.put(option, new OptionLine(line.file(), line.number(), option));
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /**
     * The listener's TLS settings, null for a plain listener. TLS options on a listener without
     * {@code certfile} and {@code keyfile} are refused: Mosquitto would open it as a plain
     * listener, leaving clients that rely on them unprotected.
     */
    TlsConfig build(int port) throws ConfigException {
        if (lines.isEmpty()) {
            return null;
        }
        if (certfile == null || keyfile == null) {
            OptionLine first = lines.values().iterator().next();
            if (certfile != null || keyfile != null) {
                throw first.error("both certfile and keyfile must be set for a TLS listener (port " + port + ")");
            }
            throw first.error("'" + first.option() + "' needs certfile and keyfile on the same listener (port "
                    + port + "); without them the listener would not use TLS");
        }
        if (requireCertificate && cafile == null && capath == null) {
            throw lines.get("require_certificate").error(
                    "require_certificate true needs cafile or capath to check client certificates against");
        }
        if (crlfile != null && !requireCertificate) {
            LOG.warn("{}:{}: crlfile has no effect: the listener does not ask for client certificates"
                    + " (require_certificate false)", lines.get("crlfile").file(), lines.get("crlfile").line());
        }
        if ((useIdentityAsUsername || useSubjectAsUsername) && !requireCertificate) {
            OptionLine where = lines.getOrDefault("use_identity_as_username", lines.get("use_subject_as_username"));
            LOG.warn("{}:{}: {} without require_certificate true refuses every client, since none is asked"
                    + " for a certificate (as in Mosquitto)", where.file(), where.line(), where.option());
        }
        return new TlsConfig(certfile, keyfile, cafile, capath, crlfile,
                tlsVersion == null ? TlsConfig.TLS_V12 : tlsVersion, ciphers, ciphersTls13,
                requireCertificate, useIdentityAsUsername, useSubjectAsUsername, lines);
    }

    private static String tlsVersion(ConfigLine line) throws ConfigException {
        String value = line.single();
        return switch (value) {
            case TlsConfig.TLS_V13, TlsConfig.TLS_V12, TlsConfig.TLS_V11 -> value;
            default -> throw line.error("invalid tls_version value '" + value
                    + "': must be tlsv1.3, tlsv1.2 or tlsv1.1");
        };
    }

    private static Path path(ConfigLine line) throws ConfigException {
        String value = line.wholeText();
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw line.error("invalid " + line.option() + " path '" + value + "'");
        }
    }
}
