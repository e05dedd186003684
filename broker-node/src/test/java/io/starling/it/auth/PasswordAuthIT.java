package io.starling.it.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.NodeProcess;
import io.starling.it.core.MosquittoCli;
import io.starling.it.core.MosquittoCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node (its own JVM, as {@code bin/starling} runs it) with a password file written by Debian's
 * {@code mosquitto_passwd}, and Debian's {@code mosquitto_pub} as the client: the right password
 * gets in, a wrong one gets "not authorised" (3.1.1: CONNACK 5; MQTT 5: 0x86) and a log line with
 * the client's address.
 */
class PasswordAuthIT {

    private static Path dir;
    private static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("starling-passwd-it");
        Path passwd = dir.resolve("passwd");
        mosquittoPasswd("-c", "-b", passwd.toString(), "alice", "secret");
        mosquittoPasswd("-H", "sha512", "-b", passwd.toString(), "bob", "builder");
        node = NodeProcess.start(dir, "allow_anonymous false\npassword_file " + passwd + "\nauth_failure_limit 0\n");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static void mosquittoPasswd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mosquitto_passwd"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "mosquitto_passwd did not finish");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    /** {@code mosquitto_pub -t t -m x} with these options. */
    private static Result pub(String... options) {
        List<String> args = new ArrayList<>(List.of("-t", "t", "-m", "x"));
        args.addAll(List.of(options));
        return MosquittoCli.pub(node.port(), args.toArray(String[]::new));
    }

    @Test
    void usersOfAMosquittoPasswdFileGetInWithTheirPasswords() {
        assertEquals(0, pub("-u", "alice", "-P", "secret").exitCode(), "$7$ (PBKDF2) line");
        assertEquals(0, pub("-u", "bob", "-P", "builder", "-V", "5").exitCode(), "$6$ (SHA-512) line");
    }

    @Test
    void wrongPasswordIsRefusedAsNotAuthorisedAndLoggedWithTheClientsAddress() {
        Result v311 = pub("-u", "alice", "-P", "wrong", "-i", "guesser-311");
        assertEquals(5, v311.exitCode(), "CONNACK 5: " + v311.lines());
        assertTrue(String.join("\n", v311.lines()).contains("not authorised"), v311.lines().toString());

        Result v5 = pub("-u", "alice", "-P", "wrong", "-V", "5");
        assertEquals(0x86, v5.exitCode(), "MQTT 5: bad user name or password: " + v5.lines());

        node.awaitOutput("Refused connection from /127.0.0.1:");
        node.awaitOutput("as guesser-311: bad username or password");
    }

    @Test
    void unknownUserAndMissingPasswordAreRefused() {
        assertEquals(5, pub("-u", "mallory", "-P", "secret").exitCode());
        assertEquals(5, pub("-u", "alice").exitCode());
    }

    @Test
    void anonymousClientIsRefusedWhenAllowAnonymousIsFalse() {
        assertEquals(5, pub().exitCode());
    }
}
