package io.starling.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.auth.SecurityRules.Authentication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mosquitto 2.0's outcomes for a CONNECT's credentials and a client's topics, without sockets. */
class SecurityRulesTest {

    @TempDir
    Path dir;

    private PasswordFile aliceWithSecret() throws Exception {
        PasswordHash hash = PasswordHash.create(HashType.SHA512_PBKDF2, PasswordHash.DEFAULT_ITERATIONS,
                bytes("secret"));
        return PasswordFile.load(Files.writeString(dir.resolve("passwd"), "alice:" + hash.encoded() + "\n"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void withoutPasswordFileAUsernameIsJustANameThatAllowAnonymousDecides() {
        // Mosquitto 2.0.11: allow_anonymous false and no password file refuse every client
        SecurityRules closed = new SecurityRules(false, null, null);
        assertEquals(Authentication.NOT_AUTHORIZED, closed.authenticate("anyone", null, "c"));
        assertEquals(Authentication.NOT_AUTHORIZED, closed.authenticate(null, null, "c"));
        assertEquals(Authentication.ACCEPTED, new SecurityRules(true, null, null).authenticate("anyone", null, "c"));
    }

    @Test
    void passwordFileUsersNeedTheirPassword() throws Exception {
        SecurityRules rules = new SecurityRules(false, aliceWithSecret(), null);
        assertEquals(Authentication.ACCEPTED, rules.authenticate("alice", bytes("secret"), "c"));
        assertEquals(Authentication.BAD_CREDENTIALS, rules.authenticate("alice", bytes("wrong"), "c"));
        assertEquals(Authentication.BAD_CREDENTIALS, rules.authenticate("alice", null, "c"));
        assertEquals(Authentication.BAD_CREDENTIALS, rules.authenticate("mallory", bytes("secret"), "c"));
    }

    @Test
    void anonymousClientsFollowAllowAnonymousEvenWithAPasswordFile() throws Exception {
        assertEquals(Authentication.ACCEPTED, new SecurityRules(true, aliceWithSecret(), null).authenticate(null, null, "c"));
        assertEquals(Authentication.NOT_AUTHORIZED,
                new SecurityRules(false, aliceWithSecret(), null).authenticate(null, null, "c"));
    }

    @Test
    void noClientPublishesToSysWhateverTheRules() throws Exception {
        SecurityRules open = new SecurityRules(true, null, null);
        assertFalse(open.allows("c", null, "$SYS/broker/uptime", Access.WRITE));
        assertTrue(open.allows("c", null, "$SYS/broker/uptime", Access.READ));
        AclFile everything = AclFile.load(Files.writeString(dir.resolve("acl"), "topic readwrite #\ntopic readwrite $SYS/#\n"));
        assertFalse(new SecurityRules(true, null, everything).allows("c", null, "$SYS/x", Access.WRITE));
        assertTrue(new SecurityRules(true, null, everything).allows("c", null, "a/b", Access.WRITE));
    }
}
