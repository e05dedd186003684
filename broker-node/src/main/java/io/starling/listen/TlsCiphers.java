package io.starling.listen;

import io.netty.handler.ssl.CipherSuiteConverter;
import io.starling.config.ConfigException;
import io.starling.config.TlsConfig;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Turns Mosquitto's {@code ciphers} (OpenSSL names, for TLS 1.2 and below) and
 * {@code ciphers_tls1.3} into the JDK's cipher suite names. OpenSSL's keywords ({@code HIGH},
 * {@code DEFAULT}, {@code !aNULL}...) have no JDK equivalent and are refused: a list of names says
 * exactly which suites are allowed.
 */
final class TlsCiphers {

    private TlsCiphers() {
    }

    /** The suites to enable, or null for the JDK's defaults (neither option set). */
    static List<String> of(TlsConfig tls) throws ConfigException {
        if (tls.ciphers() == null && tls.ciphersTls13() == null) {
            return null;
        }
        Set<String> supported = Set.of(defaultContext().getSupportedSSLParameters().getCipherSuites());
        List<String> defaults = List.of(defaultContext().getDefaultSSLParameters().getCipherSuites());
        Set<String> suites = new LinkedHashSet<>();
        if (tls.ciphersTls13() != null) {
            suites.addAll(names(tls, "ciphers_tls1.3", tls.ciphersTls13(), supported, true));
        } else {
            defaults.stream().filter(TlsCiphers::isTls13).forEach(suites::add);
        }
        if (tls.ciphers() != null) {
            suites.addAll(names(tls, "ciphers", tls.ciphers(), supported, false));
        } else {
            defaults.stream().filter(s -> !isTls13(s)).forEach(suites::add);
        }
        return List.copyOf(suites);
    }

    private static List<String> names(TlsConfig tls, String option, String value, Set<String> supported,
            boolean tls13) throws ConfigException {
        List<String> names = new ArrayList<>();
        for (String name : value.split("[:, ]+")) {
            if (name.isEmpty()) {
                continue;
            }
            String java = supported.contains(name) ? name : CipherSuiteConverter.toJava(name, "TLS");
            if (java == null || !supported.contains(java)) {
                throw tls.line(option).error("unknown or unsupported cipher '" + name + "' in " + option
                        + " (list OpenSSL cipher names separated by ':'; keywords such as HIGH or !aNULL are"
                        + " not supported by Starling)");
            }
            if (isTls13(java) != tls13) {
                throw tls.line(option).error("cipher '" + name + "' is " + (tls13 ? "not " : "")
                        + "a TLS 1.3 suite: use " + (tls13 ? "ciphers" : "ciphers_tls1.3") + " for it");
            }
            names.add(java);
        }
        if (names.isEmpty()) {
            throw tls.line(option).error("no cipher in " + option);
        }
        return names;
    }

    private static boolean isTls13(String javaName) {
        return javaName.startsWith("TLS_AES_") || javaName.startsWith("TLS_CHACHA20_");
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }
}
