package io.starling.it.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.auth.Access;
import io.starling.auth.AclExamples;
import io.starling.auth.AclExamples.Row;
import io.starling.auth.AclFile;
import io.starling.auth.SecurityFileException;
import io.starling.it.LoopbackPorts;
import io.starling.it.core.MosquittoCli;
import io.starling.it.core.MosquittoCli.RunningSub;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves the table of {@link AclExamples} against the real Debian Mosquitto 2.0.11: for each row
 * {@link AclFile} gives the row's answer, and so does Mosquitto, observed from outside. READ: a
 * {@code mosquitto_sub} with the row's identity subscribes to the topic (an ACL file never refuses
 * the subscription) and gets, or does not get, what the admin publishes. WRITE: the row's identity
 * publishes and an admin subscriber gets it or not. A refused message is waited for at most 2 s.
 */
class AclFileMatchesMosquittoIT {

    private static final AtomicInteger PAYLOADS = new AtomicInteger();

    private static Path dir;
    private static Path aclFile;
    private static Process mosquitto;
    private static int port;

    @BeforeAll
    static void startMosquitto() throws Exception {
        dir = newReadableDir();
        aclFile = readable(Files.writeString(dir.resolve("acl"), AclExamples.FILE));
        Path passwords = dir.resolve("passwords");
        for (String user : AclExamples.USERS) {
            List<String> cmd = new ArrayList<>(List.of("mosquitto_passwd", "-b"));
            if (!Files.exists(passwords)) {
                cmd.add("-c");
            }
            cmd.addAll(List.of(passwords.toString(), user, password(user)));
            assertEquals(0, run(cmd), "mosquitto_passwd for " + user);
        }
        readable(passwords);
        port = LoopbackPorts.free();
        mosquitto = start(dir.resolve("mosquitto.conf"), port, "password_file " + passwords + "\nacl_file " + aclFile + "\n");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> mosquitto.isAlive() && listening(port));
    }

    @AfterAll
    static void stopMosquitto() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.destroy();
            if (!mosquitto.waitFor(5, TimeUnit.SECONDS)) {
                mosquitto.destroyForcibly();
            }
        }
    }

    static List<Row> rows() {
        return AclExamples.ROWS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aclFileAndMosquittoGiveTheRowsAnswer(Row row) throws SecurityFileException {
        AclFile acl = AclFile.load(aclFile);
        assertEquals(row.allowed(), acl.allows(row.clientId(), row.username(), row.topic(), row.access()),
                "AclFile: " + row);
        assertEquals(row.allowed(), mosquittoAllows(row), "Mosquitto 2.0.11: " + row);
    }

    /** Lines Mosquitto refuses at start-up: it exits with an error, and AclFile throws. */
    @ParameterizedTest
    @ValueSource(strings = {"topic a/#/b\n", "topic READ x\n", "users x\n", "  # indented\n", "user\n"})
    void aFileMosquittoRefusesIsRefused(String text) throws Exception {
        Path bad = readable(Files.writeString(dir.resolve("bad-acl"), text));
        assertThrows(SecurityFileException.class, () -> AclFile.load(bad));
        Process refused = start(dir.resolve("bad.conf"), LoopbackPorts.free(), "acl_file " + bad + "\n");
        boolean ended = refused.waitFor(10, TimeUnit.SECONDS);
        if (!ended) {
            refused.destroyForcibly();
        }
        assertTrue(ended, "mosquitto started with " + text);
        assertTrue(refused.exitValue() != 0, "mosquitto exited 0 with " + text);
    }

    private static boolean mosquittoAllows(Row row) {
        String payload = "row-" + PAYLOADS.incrementAndGet();
        List<String> identity = new ArrayList<>(List.of("-i", row.clientId()));
        if (row.username() != null) {
            identity.addAll(List.of("-u", row.username(), "-P", password(row.username())));
        }
        List<String> admin = List.of("-u", AclExamples.ADMIN, "-P", password(AclExamples.ADMIN));
        List<String> subscriber = row.access() == Access.READ ? identity : admin;
        List<String> publisher = row.access() == Access.READ ? admin : identity;

        List<String> subArgs = new ArrayList<>(subscriber);
        subArgs.addAll(List.of("-t", row.topic(), "-C", "1", "-W", "2"));
        RunningSub sub = MosquittoCli.sub(port, subArgs.toArray(String[]::new));
        List<String> pubArgs = new ArrayList<>(publisher);
        pubArgs.addAll(List.of("-t", row.topic(), "-m", payload, "-q", "1"));
        assertEquals(0, MosquittoCli.pub(port, pubArgs.toArray(String[]::new)).exitCode(), "mosquitto_pub");
        return sub.awaitExit(Duration.ofSeconds(10)).lines().contains(payload);
    }

    private static Process start(Path conf, int listenPort, String security) throws IOException {
        readable(Files.writeString(conf, "listener " + listenPort + " " + LoopbackPorts.HOST + "\n"
                + "allow_anonymous true\n" + security));
        return new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                .start();
    }

    private static String password(String user) {
        return "pw-" + user;
    }

    /** Mosquitto started as root drops to the mosquitto user, which must still read its files. */
    private static Path newReadableDir() throws IOException {
        Path d = Files.createTempDirectory("starling-acl-it");
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        return d;
    }

    private static Path readable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private static boolean listening(int p) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LoopbackPorts.HOST, p), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
