package io.starling.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class PasswordFileTest {

    private static final String ALICE = "alice:" + PasswordHashTest.PBKDF2_SECRET;
    private static final String BOB = "bob:" + PasswordHashTest.SHA512_PW;

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("passwd");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rightPasswordPassesAndWrongOrUnknownFails() throws Exception {
        PasswordFile file = PasswordFile.load(write(ALICE + "\n" + BOB + "\n"));
        assertEquals(2, file.size());
        assertTrue(file.check("alice", utf8("secret")));
        assertTrue(file.check("bob", utf8("pw")));
        assertFalse(file.check("alice", utf8("pw")));
        assertFalse(file.check("carol", utf8("secret")));
        assertFalse(file.check("alice", null));
        assertTrue(file.contains("bob"));
        assertFalse(file.contains("carol"));
    }

    @Test
    void commentsBlankLinesBlanksAndCrlfAreAcceptedAsMosquittoDoes() throws Exception {
        PasswordFile file = PasswordFile.load(write("# users\r\n\r\n   \n  " + ALICE + " \r\n\t" + BOB));
        assertEquals(2, file.size());
        assertTrue(file.check("alice", utf8("secret")));
        assertTrue(file.check("bob", utf8("pw")));
    }

    @Test
    void emptyFileHasNoUsers() throws Exception {
        assertEquals(0, PasswordFile.load(write("")).size());
        assertFalse(PasswordFile.empty().check("alice", utf8("secret")));
    }

    @Test
    void plainTextPasswordIsRefusedWithItsLineButNotQuoted() throws Exception {
        Path path = write(ALICE + "\n# c\nbob:hunter2\n");
        SecurityFileException e = assertThrows(SecurityFileException.class, () -> PasswordFile.load(path));
        assertEquals(3, e.line());
        assertEquals(path, e.file());
        assertTrue(e.getMessage().startsWith(path + ":3: user 'bob': the password is not hashed"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void malformedLinesAreRefusedWithTheirLineNumbers() throws Exception {
        assertRefused("\n" + "justaname\n", 2, "expected username:password-hash");
        assertRefused(":" + PasswordHashTest.SHA512_PW + "\n", 1, "the username is empty");
        assertRefused("alice:\n", 1, "user 'alice' has no password hash");
        assertRefused(ALICE + "\n" + ALICE + "\n", 2, "user 'alice' appears twice (first on line 1)");
        assertRefused(ALICE + ":x\n", 1, "user 'alice': more than one ':' on the line");
        assertRefused("alice:$7$101$AAAA$BBBB\n", 1, "user 'alice': the password salt is 3 bytes (expected 12)");
    }

    private void assertRefused(String text, int line, String reason) throws IOException {
        Path path = write(text);
        SecurityFileException e = assertThrows(SecurityFileException.class, () -> PasswordFile.load(path));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(reason, e.reason());
    }

    @Test
    void invalidUtf8IsRefusedWithItsLine() throws Exception {
        Path path = dir.resolve("latin1");
        Files.write(path, ("# ok\n" + "j\u00f6rg:x\n").getBytes(StandardCharsets.ISO_8859_1));
        SecurityFileException e = assertThrows(SecurityFileException.class, () -> PasswordFile.load(path));
        assertEquals(2, e.line());
        assertEquals("the line is not valid UTF-8", e.reason());
    }

    @Test
    void missingFileIsRefusedAtLineZero() {
        Path path = dir.resolve("nope");
        SecurityFileException e = assertThrows(SecurityFileException.class, () -> PasswordFile.load(path));
        assertEquals(0, e.line());
        assertEquals(path + ": the password file does not exist", e.getMessage());
    }

    @Test
    void worldReadableFileIsLoadedWithAWarningNamingIt() throws Exception {
        Path path = write(ALICE + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(List.of("Warning: File " + path + " has world readable permissions. To fix this, use `chmod 0700 " + path + "`."),
                warningsWhileLoading(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(List.of(), warningsWhileLoading(path));
    }

    private static List<String> warningsWhileLoading(Path path) throws SecurityFileException {
        Logger logger = (Logger) LoggerFactory.getLogger(PasswordFile.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            PasswordFile.load(path);
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void utf8UsernamesAreMatchedExactly() throws Exception {
        PasswordHash hash = PasswordHash.create(HashType.SHA512_PBKDF2, 3, utf8("pw"));
        PasswordFile file = PasswordFile.load(write("j\u00f6rg:" + hash.encoded() + "\n"));
        assertTrue(file.check("j\u00f6rg", utf8("pw")));
        assertFalse(file.check("jorg", utf8("pw")));
    }
}
