package io.starling.it.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.starling.it.TestBroker;
import io.starling.it.core.MosquittoCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * use_subject_as_username end to end: the client certificate's whole subject, in RFC 2253 form as
 * Mosquitto writes it ({@code CN=client-one,O=Starling Test,C=GB}), is the username the
 * {@code acl_file}'s {@code user} lines name. Seen with mosquitto_pub/mosquitto_sub and
 * {@code --cert}/{@code --key}; runs against Mosquitto too ({@code -Dstarling.it.broker=mosquitto}).
 *
 * <p>Two certificates of the test CA: "client" (whose subject the ACL grants {@code subject/#})
 * and "revoked" (no crlfile here, so just another valid certificate, subject
 * {@code CN=revoked,O=Starling Test}, granted only {@code marker}). What must not arrive is
 * checked with a marker published after it, as in AclEnforcementIT.
 */
class CertificateSubjectUsernameIT {

    private static final String OTHER_SUBJECT = "CN=revoked,O=Starling Test";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestBroker broker;
    static int port;

    @BeforeAll
    static void start() throws IOException {
        certs = TestCertificates.create(Files.createDirectory(dir.resolve("certs")));
        Path acl = certs.dir().resolve("subject.acl");
        Files.writeString(acl, "user " + TestCertificates.CLIENT_SUBJECT + "\n"
                + "topic readwrite subject/#\n"
                + "topic write marker\n"
                + "\n"
                + "user " + OTHER_SUBJECT + "\n"
                + "topic read marker\n");
        // Debian's mosquitto reads it as the user mosquitto
        Files.setPosixFilePermissions(acl, PosixFilePermissions.fromString("rw-r--r--"));
        port = TestBroker.freePort();
        broker = TestBroker.startWithConfig("allow_anonymous false\nacl_file " + acl + "\n"
                + "listener " + port + " " + TestBroker.HOST + "\n"
                + "certfile " + certs.serverCert() + "\nkeyfile " + certs.serverKey() + "\n"
                + "cafile " + certs.caCert() + "\nrequire_certificate true\nuse_subject_as_username true\n", port);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** mosquitto_pub/mosquitto_sub options: trust the test CA and present {@code name}'s certificate. */
    private static List<String> tls(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("--cafile", certs.caCert().toString(),
                "--cert", certs.dir().resolve(name + ".crt").toString(),
                "--key", certs.dir().resolve(name + ".key").toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static MosquittoCli.Result pub(String certificate, String topic, String message) {
        MosquittoCli.Result r = MosquittoCli.pub(port,
                tls(certificate, "-q", "1", "-t", topic, "-m", message).toArray(String[]::new));
        assertEquals(0, r.exitCode(), "mosquitto_pub with " + certificate + "'s certificate: " + r.lines());
        return r;
    }

    private static MosquittoCli.RunningSub sub(String certificate, int count, String... topics) {
        List<String> args = tls(certificate, "-q", "1", "-v", "-C", String.valueOf(count), "-W", "10");
        for (String topic : topics) {
            args.addAll(List.of("-t", topic));
        }
        return MosquittoCli.sub(port, args.toArray(String[]::new));
    }

    @Test
    void certificateWhoseSubjectTheAclGrantsReadsAndWritesItsTopic() {
        MosquittoCli.RunningSub sub = sub("client", 1, "subject/#");

        pub("client", "subject/a", "from the subject's owner");

        assertEquals(List.of("subject/a from the subject's owner"), sub.awaitExit(WAIT).lines());
    }

    @Test
    void anotherCertificateCannotReadTheTopic() {
        MosquittoCli.RunningSub other = sub("revoked", 1, "subject/#", "marker");

        pub("client", "subject/b", "hidden from the other subject");
        pub("client", "marker", "after");

        assertEquals(List.of("marker after"), other.awaitExit(WAIT).lines(),
                "the other certificate's subject may read marker, not subject/#");
    }

    @Test
    void anotherCertificateCannotWriteTheTopic() {
        MosquittoCli.RunningSub owner = sub("client", 1, "subject/#");

        // 3.1.1 QoS 1: acknowledged and dropped, as Mosquitto does with a denied PUBLISH
        pub("revoked", "subject/c", "written by the other subject");
        pub("client", "subject/marker", "after");

        assertEquals(List.of("subject/marker after"), owner.awaitExit(WAIT).lines());
    }
}
