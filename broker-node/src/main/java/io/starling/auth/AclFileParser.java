package io.starling.auth;

import io.starling.mqtt.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an ACL file line by line exactly as Mosquitto 2.0 does, so that a file Mosquitto starts
 * with gives the same rules here and a file it refuses is refused here too:
 *
 * <ul>
 * <li>trailing white space (and the line end, {@code \n} or {@code \r\n}) is dropped; a line whose
 *     first character is {@code #} is a comment, but an indented {@code #} is not (Mosquitto
 *     refuses it as an invalid line); blank lines are skipped;</li>
 * <li>words are separated by spaces only: leading spaces are skipped, a tab is part of a word (so a
 *     tab-indented line is an invalid line);</li>
 * <li>{@code topic|pattern [read|write|readwrite|deny] TOPIC}: the rest of the line after the
 *     access word, trimmed, is the topic and may hold spaces; with a single word after the keyword
 *     that word is the topic and the access is readwrite ({@code topic read} grants readwrite on
 *     the topic {@code read});</li>
 * <li>{@code user NAME}: the rest of the line, trimmed, is the username (spaces included).</li>
 * </ul>
 */
final class AclFileParser {

    private static final Logger LOG = LoggerFactory.getLogger(AclFileParser.class);

    /** Mosquitto's TOPIC_HIERARCHY_LIMIT: a filter with more '/' than this is invalid. */
    private static final int HIERARCHY_LIMIT = 200;

    private final Path file;
    private final List<AclEntry> anonymous = new ArrayList<>();
    private final Map<String, List<AclEntry>> users = new LinkedHashMap<>();
    private final List<AclEntry> patterns = new ArrayList<>();
    /** The username of the current {@code user} block, or null before the first one. */
    private String user;

    private AclFileParser(Path file) {
        this.file = file;
    }

    static AclFile parse(Path file) throws SecurityFileException {
        String text;
        try {
            // Mosquitto treats the file as bytes: undecodable bytes must not make us refuse a file it takes
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (IOException e) {
            throw new SecurityFileException(file, 0, "cannot read the ACL file: " + e.getMessage());
        }
        AclFileParser parser = new AclFileParser(file);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.line(lines[i], i + 1);
        }
        return new AclFile(parser.anonymous, parser.users, parser.patterns);
    }

    private void line(String raw, int number) throws SecurityFileException {
        String line = stripTrailingSpace(raw);
        if (line.startsWith("#")) {
            return;
        }
        int start = skipSpaces(line, 0);
        if (start == line.length()) {
            return;
        }
        int end = wordEnd(line, start);
        String keyword = line.substring(start, end);
        switch (keyword) {
            case "topic", "pattern" -> entry(keyword, line, end, number);
            case "user" -> userLine(line, end, number);
            default -> throw new SecurityFileException(file, number,
                    "invalid line: unknown keyword \"" + keyword + "\" (expected topic, pattern or user)");
        }
    }

    private void entry(String keyword, String line, int keywordEnd, int number) throws SecurityFileException {
        int accessStart = skipSpaces(line, keywordEnd);
        if (accessStart == line.length()) {
            throw new SecurityFileException(file, number, "empty topic: \"" + keyword + "\" needs a topic");
        }
        int accessEnd = wordEnd(line, accessStart);
        String word = line.substring(accessStart, accessEnd);
        String topic;
        AclEntry.Kind kind;
        if (accessEnd == line.length()) {
            topic = word; // one word only: it is the topic, with readwrite access
            kind = AclEntry.Kind.READWRITE;
        } else {
            topic = trim(line.substring(accessEnd + 1));
            kind = switch (word) {
                case "read" -> AclEntry.Kind.READ;
                case "write" -> AclEntry.Kind.WRITE;
                case "readwrite" -> AclEntry.Kind.READWRITE;
                case "deny" -> AclEntry.Kind.DENY;
                default -> throw new SecurityFileException(file, number, "invalid topic access type \""
                        + word + "\" (expected read, write, readwrite or deny)");
            };
        }
        String error = filterError(topic);
        if (error != null) {
            throw new SecurityFileException(file, number, "invalid ACL topic \"" + topic + "\": " + error);
        }
        AclEntry entry = new AclEntry(topic, kind);
        if (keyword.equals("pattern")) {
            if (!topic.contains("%c") && !topic.contains("%u")) {
                LOG.warn("{}:{}: ACL pattern '{}' contains neither %c nor %u", file, number, topic);
            }
            patterns.add(entry);
        } else if (user == null) {
            anonymous.add(entry);
        } else {
            users.get(user).add(entry);
        }
    }

    private void userLine(String line, int keywordEnd, int number) throws SecurityFileException {
        String name = keywordEnd == line.length() ? "" : trim(line.substring(keywordEnd + 1));
        if (name.isEmpty()) {
            throw new SecurityFileException(file, number, "missing username after \"user\"");
        }
        user = name;
        // a second block for the same user adds to the first
        users.computeIfAbsent(name, n -> new ArrayList<>());
    }

    private static String filterError(String topic) {
        String error = Topics.filterError(topic);
        if (error != null) {
            return error;
        }
        int slashes = 0;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/' && ++slashes > HIERARCHY_LIMIT) {
                return "more than " + HIERARCHY_LIMIT + " levels";
            }
        }
        return null;
    }

    /** Drops trailing characters C's isspace() accepts, as Mosquitto does before parsing a line. */
    private static String stripTrailingSpace(String s) {
        int end = s.length();
        while (end > 0 && isCSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Drops leading and trailing C white space (Mosquitto's misc__trimblanks), not Java's wider idea of it. */
    private static String trim(String s) {
        int start = 0;
        while (start < s.length() && isCSpace(s.charAt(start))) {
            start++;
        }
        return stripTrailingSpace(s.substring(start));
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int wordEnd(String s, int from) {
        int space = s.indexOf(' ', from);
        return space < 0 ? s.length() : space;
    }
}
