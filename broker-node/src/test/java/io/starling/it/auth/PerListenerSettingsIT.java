package io.starling.it.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.TestBroker;
import io.starling.it.core.MosquittoCli;
import io.starling.it.core.MosquittoCli.Result;
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
 * {@code per_listener_settings}, seen by mosquitto_pub/mosquitto_sub: the same configuration lines
 * (a first listener with {@code allow_anonymous false} and a {@code password_file} written by
 * Debian's mosquitto_passwd, a second with {@code allow_anonymous true} and an {@code acl_file})
 * give each listener its own security with {@code per_listener_settings true}, and with the
 * default {@code false} make the last value of each option the node's, for both listeners. Runs
 * against Mosquitto too ({@code -Dstarling.it.broker=mosquitto}).
 *
 * <p>What must not arrive is checked with a marker published after it, as in AclEnforcementIT.
 */
class PerListenerSettingsIT {

    /** The second listener's ACL: anonymous clients may use public/# only. */
    private static final String ACL = "topic readwrite public/#\n";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    /** per_listener_settings true: its password listener and its anonymous listener. */
    static TestBroker perListener;
    static int perListenerPasswordPort;
    static int perListenerAnonymousPort;
    /** The same lines without per_listener_settings. */
    static TestBroker global;
    static int globalFirstPort;
    static int globalSecondPort;

    @BeforeAll
    static void start() throws Exception {
        // Debian's mosquitto reads these files as the user mosquitto
        Path files = Files.createDirectory(dir.resolve("files"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path passwd = files.resolve("passwd");
        PasswordAuthIT.mosquittoPasswd("-c", "-b", passwd.toString(), "alice", "secret");
        Path acl = files.resolve("acl");
        Files.writeString(acl, ACL);
        for (Path file : List.of(passwd, acl)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }

        perListenerPasswordPort = TestBroker.freePort();
        perListenerAnonymousPort = TestBroker.freePortOtherThan(perListenerPasswordPort);
        perListener = TestBroker.startWithConfig("per_listener_settings true\n"
                + listeners(perListenerPasswordPort, perListenerAnonymousPort, passwd, acl), perListenerPasswordPort);
        globalFirstPort = TestBroker.freePortOtherThan(perListenerPasswordPort, perListenerAnonymousPort);
        globalSecondPort = TestBroker.freePortOtherThan(perListenerPasswordPort, perListenerAnonymousPort,
                globalFirstPort);
        global = TestBroker.startWithConfig(listeners(globalFirstPort, globalSecondPort, passwd, acl), globalFirstPort);
    }

    @AfterAll
    static void stop() {
        for (TestBroker broker : new TestBroker[] {perListener, global}) {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static String listeners(int first, int second, Path passwd, Path acl) {
        return "listener " + first + " " + TestBroker.HOST + "\n"
                + "allow_anonymous false\npassword_file " + passwd + "\n"
                + "listener " + second + " " + TestBroker.HOST + "\n"
                + "allow_anonymous true\nacl_file " + acl + "\n";
    }

    private static Result pub(int port, String topic, String... credentials) {
        List<String> args = new ArrayList<>(List.of("-q", "1", "-t", topic, "-m", "x"));
        args.addAll(List.of(credentials));
        return MosquittoCli.pub(port, args.toArray(String[]::new));
    }

    private static void assertPublished(Result r, String what) {
        assertEquals(0, r.exitCode(), what + ": " + r.lines());
    }

    private static void assertNotAuthorised(Result r, String what) {
        assertEquals(5, r.exitCode(), what + ": CONNACK 5 expected, got " + r.lines());
        assertTrue(String.join("\n", r.lines()).contains("not authorised"), what + ": " + r.lines());
    }

    /** A mosquitto_sub for {@code count} messages on these topics, printing "topic payload". */
    private static MosquittoCli.RunningSub sub(int port, int count, List<String> credentials, String... topics) {
        List<String> args = new ArrayList<>(List.of("-q", "1", "-v", "-C", String.valueOf(count), "-W", "10"));
        args.addAll(credentials);
        for (String topic : topics) {
            args.addAll(List.of("-t", topic));
        }
        return MosquittoCli.sub(port, args.toArray(String[]::new));
    }

    @Test
    void perListenerAnonymousClientIsRefusedOnThePasswordListenerAndAcceptedOnTheOther() {
        assertNotAuthorised(pub(perListenerPasswordPort, "public/a"), "no credentials, password listener");
        assertPublished(pub(perListenerPasswordPort, "public/a", "-u", "alice", "-P", "secret"),
                "alice, password listener");
        assertPublished(pub(perListenerAnonymousPort, "public/a"), "no credentials, anonymous listener");
    }

    @Test
    void perListenerAclFileOfTheSecondListenerDoesNotApplyOnTheFirst() {
        List<String> alice = List.of("-u", "alice", "-P", "secret");
        MosquittoCli.RunningSub first = sub(perListenerPasswordPort, 1, alice, "private/#");

        assertPublished(pub(perListenerPasswordPort, "private/first", "-u", "alice", "-P", "secret"), "alice");

        assertEquals(List.of("private/first x"), first.awaitExit(WAIT).lines(),
                "the first listener has no ACL: alice reads and writes private/#");
    }

    @Test
    void perListenerAclFileAppliesOnItsOwnListener() {
        MosquittoCli.RunningSub second = sub(perListenerAnonymousPort, 1, List.of(), "private/#", "public/#");

        assertPublished(pub(perListenerAnonymousPort, "private/second"), "denied publish, acknowledged");
        assertPublished(pub(perListenerAnonymousPort, "public/marker"), "marker");

        assertEquals(List.of("public/marker x"), second.awaitExit(WAIT).lines());
    }

    @Test
    void withoutPerListenerSettingsTheLastAllowAnonymousAppliesToBothListeners() {
        // the first listener's "allow_anonymous false" was overridden by the second's "true"
        assertPublished(pub(globalFirstPort, "public/a"), "no credentials, first listener");
        assertPublished(pub(globalSecondPort, "public/a"), "no credentials, second listener");
    }

    @Test
    void withoutPerListenerSettingsThePasswordFileAppliesToBothListeners() {
        assertNotAuthorised(pub(globalSecondPort, "public/a", "-u", "alice", "-P", "wrong"),
                "wrong password, second listener");
        assertNotAuthorised(pub(globalFirstPort, "public/a", "-u", "alice", "-P", "wrong"),
                "wrong password, first listener");
        assertPublished(pub(globalSecondPort, "public/a", "-u", "alice", "-P", "secret"),
                "alice, second listener");
    }

    @Test
    void withoutPerListenerSettingsTheAclFileAppliesToBothListeners() {
        MosquittoCli.RunningSub first = sub(globalFirstPort, 1, List.of(), "private/#", "public/#");

        assertPublished(pub(globalFirstPort, "private/first"), "denied publish, acknowledged");
        assertPublished(pub(globalFirstPort, "public/marker"), "marker");

        assertEquals(List.of("public/marker x"), first.awaitExit(WAIT).lines());
    }
}
