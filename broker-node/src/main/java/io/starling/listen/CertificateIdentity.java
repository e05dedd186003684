package io.starling.listen;

import io.netty.handler.ssl.SslHandler;
import io.starling.connect.ConnectDecision;
import io.starling.mqtt.ReasonCodes;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

/**
 * The username a client certificate gives, on a listener with Mosquitto's
 * {@code use_identity_as_username} (the subject's common name) or {@code use_subject_as_username}
 * (the whole subject, RFC 2253).
 */
enum CertificateIdentity {
    COMMON_NAME,
    SUBJECT;

    /**
     * Mosquitto's answer to a client without a usable certificate on such a listener: bad username
     * or password (CONNACK 4, MQTT 5 reason 0x86).
     */
    static final ConnectDecision.Refused NO_CERTIFICATE = new ConnectDecision.Refused(
            ReasonCodes.V3_BAD_USER_NAME_OR_PASSWORD, ReasonCodes.BAD_USER_NAME_OR_PASSWORD,
            "no client certificate with a usable subject");

    /** The username of the channel's verified client certificate; null when there is none. */
    String username(SslHandler ssl) {
        if (ssl == null) {
            return null;
        }
        Certificate[] chain;
        try {
            chain = ssl.engine().getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            return null;
        }
        X500Principal subject = certificate.getSubjectX500Principal();
        return this == SUBJECT ? subject.getName(X500Principal.RFC2253) : commonName(subject);
    }

    /** The first CN of the subject in certificate order, as OpenSSL's lookup finds it. */
    private static String commonName(X500Principal subject) {
        try {
            // LdapName lists RDNs in certificate order (the reverse of the RFC 2253 string)
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String cn) {
                    return cn.indexOf('\0') >= 0 ? null : cn;
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
