package io.starling.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.auth.PasswordFile;
import io.starling.it.LoopbackPorts;
import io.starling.it.core.MosquittoCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password files travel both ways between Starling and Debian's Mosquitto 2.0.11: what
 * {@code mosquitto_passwd} writes, {@link PasswordFile} accepts; what starling-passwd writes, the
 * real {@code mosquitto} broker authenticates {@code mosquitto_pub} against.
 */
class PasswordFileInteropIT {

    @TempDir
    Path dir;

    private Process mosquitto;

    @AfterEach
    void stopMosquitto() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.destroy();
            if (!mosquitto.waitFor(10, TimeUnit.SECONDS)) {
                mosquitto.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void filesWrittenByMosquittoPasswdAreAcceptedWithTheRightPasswordOnly() throws Exception {
        Path file = dir.resolve("passwd");
        mosquittoPasswd("-c", "-b", file.toString(), "alice", "s3cret");          // default: sha512-pbkdf2
        mosquittoPasswd("-H", "sha512", "-b", file.toString(), "bob", "b0b pw");
        mosquittoPasswd("-I", "7", "-b", file.toString(), "carol", "p\u00e4ss");
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).startsWith("alice:$7$101$"), lines.get(0));
        assertTrue(lines.get(1).startsWith("bob:$6$"), lines.get(1));
        assertTrue(lines.get(2).startsWith("carol:$7$7$"), lines.get(2));

        PasswordFile passwords = PasswordFile.load(file);
        assertEquals(3, passwords.size());
        assertTrue(passwords.check("alice", utf8("s3cret")));
        assertTrue(passwords.check("bob", utf8("b0b pw")));
        assertTrue(passwords.check("carol", utf8("p\u00e4ss")));
        assertFalse(passwords.check("alice", utf8("s3cret ")));
        assertFalse(passwords.check("bob", utf8("s3cret")));
        assertFalse(passwords.check("carol", utf8("pass")));
    }

    @Test
    void fileWrittenByStarlingPasswdAuthenticatesMosquittoClientsAgainstMosquitto() throws Exception {
        Path file = dir.resolve("passwd");
        starlingPasswd("", "-c", "-b", file.toString(), "alice", "s3cret");
        starlingPasswd("", "-H", "sha512", "-b", file.toString(), "bob", "b0b pw");
        starlingPasswd("typed\ntyped\n", file.toString(), "carol");
        int port = startMosquitto(file);

        assertEquals(0, publish(port, "alice", "s3cret").exitCode());
        assertEquals(0, publish(port, "bob", "b0b pw").exitCode());
        assertEquals(0, publish(port, "carol", "typed").exitCode());
        for (String[] wrong : new String[][] {{"alice", "S3cret"}, {"bob", "s3cret"}, {"nobody", "s3cret"}}) {
            MosquittoCli.Result refused = publish(port, wrong[0], wrong[1]);
            assertNotEquals(0, refused.exitCode(), String.join("/", wrong));
            assertTrue(String.join("\n", refused.lines()).contains("not authorised"), refused.lines().toString());
        }
    }

    @Test
    void mosquittoPasswdKeepsStarlingsLinesWhenItAddsAUser() throws Exception {
        Path file = dir.resolve("passwd");
        starlingPasswd("", "-c", "-b", file.toString(), "alice", "s3cret");
        mosquittoPasswd("-b", file.toString(), "bob", "pw");
        PasswordFile passwords = PasswordFile.load(file);
        assertTrue(passwords.check("alice", utf8("s3cret")));
        assertTrue(passwords.check("bob", utf8("pw")));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static MosquittoCli.Result publish(int port, String user, String password) {
        return MosquittoCli.pub(port, "-u", user, "-P", password, "-t", "interop/test", "-m", "hello");
    }

    private static void starlingPasswd(String stdin, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = StarlingPasswd.run(List.of(args), new ByteArrayInputStream(utf8(stdin)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    }

    private static void mosquittoPasswd(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/mosquitto_passwd"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "mosquitto_passwd did not end within 10 s");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
    }

    /** Starts Debian's broker on a free loopback port with only {@code file} to let clients in. */
    private int startMosquitto(Path file) throws IOException {
        int port = LoopbackPorts.free();
        Path conf = dir.resolve("mosquitto.conf");
        // run as root (CI containers), mosquitto would switch to user "mosquitto", who may not
        // read a file in our temp dir; "user" names who we are, and is ignored when not root
        Files.writeString(conf, "listener " + port + " " + LoopbackPorts.HOST + "\n"
                + "allow_anonymous false\n"
                + "password_file " + file.toAbsolutePath() + "\n"
                + "user " + System.getProperty("user.name") + "\n");
        Path log = dir.resolve("mosquitto.log");
        mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .failFast("mosquitto exited; its log: " + log, () -> !mosquitto.isAlive())
                .until(() -> listening(port));
        return port;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
