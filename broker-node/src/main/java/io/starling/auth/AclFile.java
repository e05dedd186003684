package io.starling.auth;

import io.starling.mqtt.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Mosquitto ACL file ({@code acl_file}), read once and immutable, answering the question
 * Mosquitto 2.0's default ACL check answers: may this client read or write this topic?
 *
 * <p>The rules, as Mosquitto 2.0.11 applies them:
 * <ol>
 * <li>{@link Access#SUBSCRIBE} and {@link Access#UNSUBSCRIBE} are always allowed: an ACL file
 *     does not restrict subscriptions, each message is checked for {@link Access#READ} when it is
 *     delivered (retained messages included).</li>
 * <li>The client's own section is checked first: the {@code topic} lines before the first
 *     {@code user} line for an anonymous client, the {@code user NAME} block(s) for a client with
 *     that username. A client with a username that has no block has no own section (it does not
 *     fall back to the anonymous one). Within the section a matching {@code deny} line refuses,
 *     wherever it stands; otherwise a matching line granting the access allows.</li>
 * <li>Then the {@code pattern} lines, which apply to every client. If there is at least one, a
 *     client whose username or client id contains {@code +} or {@code #} is refused outright
 *     ({@code /} is allowed and substituted as it is). {@code %c} becomes the client id and
 *     {@code %u} the username, wherever they stand; a pattern with {@code %u} is skipped for an
 *     anonymous client. Again a matching {@code deny} refuses before any grant allows.</li>
 * <li>Nothing matched: refused. An empty ACL file refuses every READ and WRITE.</li>
 * </ol>
 * Topic matching follows MQTT: {@code #} and {@code +} match no topic starting with {@code $}
 * (so {@code topic read #} does not grant {@code $SYS/...}; {@code topic read $SYS/#} does).
 *
 * <p>What is not the file's business: bridges bypass the check, and the broker itself refuses
 * client publishes to {@code $SYS} whatever the file says.
 */
public final class AclFile {

    private final List<AclEntry> anonymous;
    private final Map<String, List<AclEntry>> users;
    private final List<AclEntry> patterns;

    AclFile(List<AclEntry> anonymous, Map<String, List<AclEntry>> users, List<AclEntry> patterns) {
        this.anonymous = denialsFirst(anonymous);
        Map<String, List<AclEntry>> copy = new LinkedHashMap<>();
        users.forEach((name, entries) -> copy.put(name, denialsFirst(entries)));
        this.users = Map.copyOf(copy);
        this.patterns = denialsFirst(patterns);
    }

    /**
     * Reads and checks an ACL file.
     *
     * @throws SecurityFileException if the file cannot be read, or a line is one Mosquitto refuses
     *                               (unknown keyword, bad access word, missing topic or username,
     *                               invalid topic filter); the exception names the 1-based line
     */
    public static AclFile load(Path file) throws SecurityFileException {
        return AclFileParser.parse(file);
    }

    /**
     * True if the file lets the client do {@code access} on {@code topic}.
     *
     * @param clientId the client identifier (as assigned, if the client sent none)
     * @param username the username of the CONNECT, or {@code null} for an anonymous client
     * @param topic    a topic name (for READ and WRITE) or a filter (SUBSCRIBE, UNSUBSCRIBE)
     * @param access   what the client wants to do
     */
    public boolean allows(String clientId, String username, String topic, Access access) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topic, "topic");
        if (access == Access.SUBSCRIBE || access == Access.UNSUBSCRIBE) {
            return true;
        }
        List<AclEntry> own = username == null ? anonymous : users.getOrDefault(username, List.of());
        for (AclEntry entry : own) {
            if (entry.matches(topic)) {
                if (entry.kind() == AclEntry.Kind.DENY) {
                    return false;
                }
                if (entry.kind().grants(access)) {
                    return true;
                }
            }
        }
        if (patterns.isEmpty()) {
            return false;
        }
        // a '+' or '#' in an identity would turn a substituted pattern into a wider wildcard
        if (hasWildcard(username) || hasWildcard(clientId)) {
            return false;
        }
        for (AclEntry pattern : patterns) {
            if (username == null && pattern.mentionsUsername()) {
                continue;
            }
            if (Topics.matches(pattern.filterFor(clientId, username), topic)) {
                if (pattern.kind() == AclEntry.Kind.DENY) {
                    return false;
                }
                if (pattern.kind().grants(access)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasWildcard(String s) {
        return s != null && (s.indexOf('+') >= 0 || s.indexOf('#') >= 0);
    }

    /** Mosquitto puts each deny line at the front of its list, so a matching deny always wins. */
    private static List<AclEntry> denialsFirst(List<AclEntry> entries) {
        List<AclEntry> ordered = new ArrayList<>(entries.size());
        entries.stream().filter(e -> e.kind() == AclEntry.Kind.DENY).forEach(ordered::add);
        entries.stream().filter(e -> e.kind() != AclEntry.Kind.DENY).forEach(ordered::add);
        return List.copyOf(ordered);
    }
}
