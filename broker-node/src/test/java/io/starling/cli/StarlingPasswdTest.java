package io.starling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.auth.PasswordFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** starling-passwd run in-process; the messages and statuses are those of Debian's mosquitto_passwd 2.0.11. */
class StarlingPasswdTest {

    private static final String ALICE =
            "alice:$7$101$fRH7pZQ3Z+uPGv3u$J9wgwGlz/bScDf0rS3Uim6yKsdGEYhhPnMIIe6UC87mRZbYaqA9zRQqrYtwCSyEdsrKuKXS7T8qtJBFQRAuk+A==";
    private static final String BOB =
            "bob:$6$pI3Ca8gBdXcjQ0in$H5RK6kTTUQNM7aNtzCL19zHC6NPANSK7heD9G1JUeVTc08y7R68WXNy66DKg9ZQFHnl9NoP9sGKmOfGhaS5tCg==";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int typing(String stdin, String... args) {
        return StarlingPasswd.run(List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        return typing("", args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String... lines) throws IOException {
        Path f = dir.resolve("passwd");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private static List<String> lines(Path f) throws IOException {
        return Files.readAllLines(f);
    }

    private static boolean verifies(Path f, String user, String password) throws Exception {
        return PasswordFile.load(f).check(user, password.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutArgumentsItPrintsUsageToStdoutAndFails() {
        assertEquals(1, run());
        assertTrue(out().contains("Usage: starling-passwd [-H sha512 | -H sha512-pbkdf2]"), out());
        assertEquals("", err());
    }

    @Test
    void batchCreateWritesOnePbkdf2LineReadableByItsOwnerOnly() throws Exception {
        Path f = dir.resolve("new");
        assertEquals(0, run("-c", "-b", f.toString(), "alice", "s3cret"));
        List<String> lines = lines(f);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("alice:$7$101$"), lines.get(0));
        assertTrue(verifies(f, "alice", "s3cret"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void createOverwritesAnExistingFile() throws Exception {
        Path f = file(ALICE, BOB);
        assertEquals(0, run("-b", "-c", f.toString(), "carol", "pw"));
        assertEquals(1, lines(f).size());
        assertTrue(verifies(f, "carol", "pw"));
    }

    @Test
    void hashTypeAndIterationsAreChosenByOptions() throws Exception {
        Path f = dir.resolve("p");
        assertEquals(0, run("-H", "sha512", "-c", "-b", f.toString(), "u", "pw"));
        assertTrue(lines(f).get(0).startsWith("u:$6$"));
        assertEquals(0, run("-I", "5", "-c", "-b", f.toString(), "u", "pw"));
        assertTrue(lines(f).get(0).startsWith("u:$7$5$"));
        assertTrue(verifies(f, "u", "pw"));
    }

    @Test
    void updatingAUserKeepsTheOtherLinesAndTheirOrder() throws Exception {
        Path f = file("# site users", ALICE, BOB, "", "carol:" + BOB.substring(4));
        assertEquals(0, run("-b", f.toString(), "bob", "new"));
        List<String> lines = lines(f);
        assertEquals(5, lines.size());
        assertEquals(List.of("# site users", ALICE), lines.subList(0, 2));
        assertTrue(lines.get(2).startsWith("bob:$7$101$"));
        assertEquals(List.of("", "carol:" + BOB.substring(4)), lines.subList(3, 5));
        assertTrue(verifies(f, "bob", "new"));
        assertFalse(verifies(f, "bob", "pw"));
    }

    @Test
    void aNewUserIsAddedAtTheEnd() throws Exception {
        Path f = file(ALICE, BOB);
        assertEquals(0, run("-b", f.toString(), "dave", "pw"));
        List<String> lines = lines(f);
        assertEquals(List.of(ALICE, BOB), lines.subList(0, 2));
        assertTrue(lines.get(2).startsWith("dave:"));
    }

    @Test
    void updatingKeepsTheFilesPermissions() throws Exception {
        Path f = file(ALICE);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(0, run("-b", f.toString(), "alice", "other"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void promptedPasswordIsAskedTwice() throws Exception {
        Path f = file(ALICE);
        assertEquals(0, typing("typed\ntyped\n", f.toString(), "bob"));
        assertEquals("Password: \nReenter password: \n", out());
        assertTrue(verifies(f, "bob", "typed"));
    }

    @Test
    void mismatchedPasswordsFailWithStatusTwoAndLeaveTheFile() throws Exception {
        Path f = file(ALICE);
        assertEquals(2, typing("one\ntwo\n", f.toString(), "bob"));
        assertEquals("Error: Passwords do not match.\n", err());
        assertEquals(List.of(ALICE), lines(f));
    }

    @Test
    void mismatchedPasswordsCreateNoFile() {
        Path f = dir.resolve("never");
        assertEquals(2, typing("one\ntwo\n", "-c", f.toString(), "bob"));
        assertFalse(Files.exists(f));
    }

    @Test
    void emptyPasswordIsRefused() throws Exception {
        Path f = file(ALICE);
        assertEquals(1, typing("\n", f.toString(), "bob"));
        assertEquals("Password: ", out());
        assertEquals("Error: Empty password.\n", err());
        assertEquals(1, typing("x\n", f.toString(), "bob"));
    }

    @Test
    void deleteRemovesOnlyThatUser() throws Exception {
        Path f = file("# c", ALICE, BOB);
        assertEquals(0, run("-D", f.toString(), "alice"));
        assertEquals(List.of("# c", BOB), lines(f));
    }

    @Test
    void deletingAnUnknownUserWarnsAndFails() throws Exception {
        Path f = file(ALICE);
        assertEquals(1, run("-D", f.toString(), "nobody"));
        assertEquals("Warning: User nobody not found in password file.\n", err());
        assertEquals(List.of(ALICE), lines(f));
    }

    @Test
    void hashPlainHashesPlainTextAndKeepsHashes() throws Exception {
        Path f = file("# c", "carol:plain pw", ALICE);
        assertEquals(0, run("-U", f.toString()));
        List<String> lines = lines(f);
        assertEquals("# c", lines.get(0));
        assertTrue(lines.get(1).startsWith("carol:$7$101$"));
        assertEquals(ALICE, lines.get(2));
        assertTrue(verifies(f, "carol", "plain pw"));
        assertTrue(verifies(f, "alice", "secret"));
    }

    @Test
    void corruptLineIsNamed() throws Exception {
        Path f = file(ALICE, "garbage");
        assertEquals(1, run("-b", f.toString(), "bob", "pw"));
        assertEquals("Error: Corrupt password file at line 2.\n", err());
    }

    @Test
    void missingFileIsReportedAsMosquittoPasswdDoes() {
        Path f = dir.resolve("absent");
        assertEquals(1, run("-b", f.toString(), "bob", "pw"));
        assertEquals("Error: Unable to open password file " + f + ". No such file or directory.\n", err());
    }

    @Test
    void badArgumentsGetMosquittoPasswdsMessages() {
        assertError("Error: -c and -D cannot be used together.", "-c", "-D", "f", "u");
        assertError("Error: -c and -U cannot be used together.", "-c", "-U", "f");
        assertError("Error: -b and -D cannot be used together.", "-b", "-D", "f", "u");
        assertError("Error: Unknown hash type 'md5'", "-H", "md5", "-b", "f", "u", "p");
        assertError("Error: Number of iterations must be > 0.", "-I", "0", "-b", "f", "u", "p");
        assertError("Error: Number of iterations must be > 0.", "-I", "abc", "-b", "f", "u", "p");
        assertError("Error: -H argument given but not enough other arguments.", "-H");
        assertError("Error: -c argument given but password file or username missing.", "-c", "f");
        assertError("Error: -c argument given but password file, username, or password missing.", "-c", "-b", "f", "u");
        assertError("Error: -D argument given but password file or username missing.", "-D", "f");
        assertError("Error: -U argument given but password file missing.", "-U");
        assertError("Error: Username must not contain the ':' character.", "-b", "f", "a:b", "p");
        assertError("Error: Username must not contain control characters.", "-b", "f", "a\tb", "p");
    }

    private void assertError(String message, String... args) {
        err.reset();
        assertEquals(1, run(args), String.join(" ", args));
        assertEquals(message + "\n", err(), String.join(" ", args));
    }

    @Test
    void wrongNumberOfArgumentsPrintsUsage() {
        assertEquals(1, run("-b", "f", "u"));
        assertTrue(out().contains("Usage:"));
        out.reset();
        assertEquals(1, run("f", "u", "extra"));
        assertTrue(out().contains("Usage:"));
    }
}
