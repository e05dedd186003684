package io.starling.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.auth.AclExamples.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AclFile} against tables of (file, client, user, topic, access → allowed), each outcome as
 * Mosquitto 2.0.11 gives it (the rows of {@link AclExamples} are also run against the real
 * Mosquitto by {@code AclFileMatchesMosquittoIT}; the others were checked by hand against it).
 */
class AclFileTest {

    @TempDir
    static Path dir;

    private static int files;

    /** $-topics and the wildcards. */
    private static final String DOLLAR = """
            topic read #
            topic read $SYS/#
            user u
            topic +/#
            """;

    /** deny ordering, access words, and pattern substitution. */
    private static final String PATTERNS = """
            topic deny a/b
            topic a/#
            pattern deny p/%c/secret
            pattern p/%c/#
            pattern read q/%u/%c
            pattern read r/x%c
            user u
            topic read z/#
            pattern deny z/%u
            """;

    private static final String NO_PATTERNS = "topic read a\n";

    private static Stream<Arguments> rows() throws IOException {
        List<Arguments> all = new ArrayList<>();
        add(all, AclExamples.FILE, AclExamples.ROWS);
        add(all, DOLLAR, List.of(
                new Row("c", null, "$SYS/broker/uptime", Access.READ, true, "$SYS/# matches $SYS topics"),
                new Row("c", null, "a/b", Access.READ, true, "# matches every ordinary topic"),
                new Row("c", null, "$SYS/broker/uptime", Access.WRITE, false, "read does not grant write"),
                new Row("c", "u", "$foo/x", Access.READ, false, "+ does not match a $ topic"),
                new Row("c", "u", "$SYS/x", Access.READ, false, "the anonymous $SYS/# is not the user's"),
                new Row("c", "u", "a", Access.WRITE, true, "+/# matches a single level"),
                new Row("c", "u", "a/b/c", Access.READ, true, "no access word means readwrite")));
        add(all, PATTERNS, List.of(
                new Row("c", null, "a/b", Access.READ, false, "deny written before the grant"),
                new Row("c", null, "a/c", Access.WRITE, true, "no access word means readwrite"),
                new Row("c", null, "a", Access.READ, true, "a/# matches its parent a"),
                new Row("c1", null, "p/c1/x", Access.WRITE, true, "%c pattern"),
                new Row("c1", null, "p/c1/secret", Access.READ, false, "pattern deny comes first"),
                new Row("c1", null, "p/c2/x", Access.READ, false, "another client's id"),
                new Row("c1", "u", "q/u/c1", Access.READ, true, "%u and %c in one pattern"),
                new Row("c1", "v", "q/v/c2", Access.READ, false, "wrong client id"),
                new Row("c1", null, "r/xc1", Access.READ, true, "%c need not fill a whole level"),
                new Row("c1", "u", "z/u", Access.READ, true, "the user's own grant is checked before patterns"),
                new Row("c1", "v", "z/v", Access.READ, false, "a pattern deny for a user without a block"),
                new Row("c1", "a#b", "p/c1/x", Access.READ, false, "a # in the username refuses every pattern"),
                new Row("c1", "a/b", "q/a/b/c1", Access.READ, true, "a / in the username is substituted"),
                new Row("c1", "u", "a/c", Access.READ, false, "the anonymous section is not the user's")));
        add(all, NO_PATTERNS, List.of(
                new Row("x+y", null, "a", Access.READ, true, "without patterns a + in the client id is harmless"),
                new Row("c", "w", "a", Access.READ, false, "a user without a block, and no patterns")));
        add(all, "", List.of(
                new Row("c", null, "a", Access.READ, false, "an empty file refuses reads"),
                new Row("c", null, "a", Access.WRITE, false, "an empty file refuses writes"),
                new Row("c", null, "a/#", Access.SUBSCRIBE, true, "subscriptions are never refused"),
                new Row("c", "u", "a/#", Access.UNSUBSCRIBE, true, "nor unsubscriptions")));
        return all.stream();
    }

    private static void add(List<Arguments> all, String text, List<Row> rows) throws IOException {
        AclFile acl = load(text);
        String name = text.isEmpty() ? "(empty file)" : text.lines().findFirst().orElseThrow();
        for (Row row : rows) {
            all.add(Arguments.of(name, row, acl));
        }
    }

    private static Path write(String text) throws IOException {
        Path file = dir.resolve("acl" + (++files));
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static AclFile load(String text) throws IOException {
        try {
            return AclFile.load(write(text));
        } catch (SecurityFileException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("rows")
    void answersAsMosquittoDoes(String file, Row row, AclFile acl) {
        assertEquals(row.allowed(), acl.allows(row.clientId(), row.username(), row.topic(), row.access()),
                row.toString());
    }

    @Test
    void topicAfterAnAccessWordMayHoldSpaces() throws IOException {
        AclFile acl = load("topic read a b\n");
        assertTrue(acl.allows("c", null, "a b", Access.READ));
        assertFalse(acl.allows("c", null, "a", Access.READ));
        assertFalse(acl.allows("c", null, "a b", Access.WRITE));
    }

    @Test
    void aSingleWordAfterTopicIsTheTopicWithReadwrite() throws IOException {
        AclFile acl = load("topic read\ntopic deny\n");
        assertTrue(acl.allows("c", null, "read", Access.WRITE));
        assertTrue(acl.allows("c", null, "deny", Access.READ));
    }

    @Test
    void extraSpacesAndWindowsLineEndsAreIgnored() throws IOException {
        AclFile acl = load("   topic   read    x/y   \r\n  user   u  \r\ntopic write w\r\n");
        assertTrue(acl.allows("c", null, "x/y", Access.READ));
        assertTrue(acl.allows("c", "u", "w", Access.WRITE));
    }

    @Test
    void usernamesMayHoldSpacesAndBlocksForOneUserAddUp() throws IOException {
        AclFile acl = load("user a b\ntopic read x\nuser u\ntopic read r\nuser v\ntopic read v\nuser u\ntopic write w\n");
        assertTrue(acl.allows("c", "a b", "x", Access.READ));
        assertTrue(acl.allows("c", "u", "r", Access.READ));
        assertTrue(acl.allows("c", "u", "w", Access.WRITE));
        assertFalse(acl.allows("c", "u", "v", Access.READ));
    }

    @Test
    void commentsAndBlankLinesAreSkipped() throws IOException {
        AclFile acl = load("#comment\n# topic read hidden\n\n   \n\t\ntopic read x\n");
        assertTrue(acl.allows("c", null, "x", Access.READ));
        assertFalse(acl.allows("c", null, "hidden", Access.READ));
    }

    private static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("topic\n", 1, "empty topic"),
                Arguments.of("pattern   \n", 1, "empty topic"),
                Arguments.of("# c\ntopic READ x\n", 2, "invalid topic access type \"READ\""),
                Arguments.of("topic foo x\n", 1, "invalid topic access type \"foo\""),
                Arguments.of("topic x # c\n", 1, "invalid topic access type \"x\""),
                Arguments.of("topic a/#/b\n", 1, "invalid ACL topic \"a/#/b\""),
                Arguments.of("\ntopic read a/+b\n", 2, "invalid ACL topic \"a/+b\""),
                Arguments.of("topic read x # c\n", 1, "invalid ACL topic \"x # c\""),
                Arguments.of("topic read " + "a/".repeat(201) + "b\n", 1, "more than 200 levels"),
                Arguments.of("user u\nuser\n", 2, "missing username"),
                Arguments.of("user   \n", 1, "missing username"),
                Arguments.of("users x\n", 1, "unknown keyword \"users\""),
                Arguments.of("TOPIC x\n", 1, "unknown keyword \"TOPIC\""),
                Arguments.of("topic x\n  # an indented comment\n", 2, "unknown keyword \"#\""),
                Arguments.of("\ttopic x\n", 1, "unknown keyword \"\ttopic\""),
                Arguments.of("topic\tx\n", 1, "unknown keyword \"topic\tx\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aLineMosquittoRefusesIsRefusedWithItsNumber(String text, int line, String reason) throws IOException {
        Path file = write(text);
        SecurityFileException e = assertThrows(SecurityFileException.class, () -> AclFile.load(file));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.reason().contains(reason), e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void aMissingFileIsRefusedWithoutALine() {
        Path missing = dir.resolve("no-such-acl");
        SecurityFileException e = assertThrows(SecurityFileException.class, () -> AclFile.load(missing));
        assertEquals(0, e.line());
    }
}
