package io.starling.auth;

import java.util.List;

/**
 * An ACL file and the outcomes Mosquitto 2.0.11 gives for it, shared by {@link AclFileTest} (which
 * checks {@link AclFile} against them) and {@code AclFileMatchesMosquittoIT} (which checks them
 * against the real {@code /usr/sbin/mosquitto}), so the table is proven, not guessed.
 */
public final class AclExamples {

    /** An ACL file covering each rule once. */
    public static final String FILE = """
            # anonymous clients: the topic lines before the first user line
            topic read public/#
            topic deny public/secret
            topic read +/news
            pattern readwrite devices/%c/#
            pattern read users/%u/inbox
            pattern read feed/#

            user alice
            topic readwrite alice/#
            topic write logs/#
            topic deny alice/private

            user admin
            topic #
            topic $ctl/#
            """;

    /** The user with {@code topic #} (and {@code $ctl/#}) who publishes and listens in the IT. */
    public static final String ADMIN = "admin";

    /** Users with a password in the IT: alice has a block, bob has none. */
    public static final List<String> USERS = List.of("alice", "bob", ADMIN);

    /**
     * One question and Mosquitto's answer.
     *
     * @param clientId the client id
     * @param username the username, or null for an anonymous client
     * @param topic    the topic published or delivered
     * @param access   READ or WRITE
     * @param allowed  Mosquitto 2.0.11's answer
     * @param why      the rule that decides
     */
    public record Row(String clientId, String username, String topic, Access access, boolean allowed, String why) {
        @Override
        public String toString() {
            return (username == null ? "anonymous" : username) + "/" + clientId + " " + access + " " + topic
                    + " -> " + (allowed ? "allowed" : "denied") + " (" + why + ")";
        }
    }

    /** Rows for {@link #FILE}, each observed on Mosquitto 2.0.11. */
    public static final List<Row> ROWS = List.of(
            new Row("c1", null, "public/a", Access.READ, true, "anonymous section grants read"),
            new Row("c1", null, "public/secret", Access.READ, false, "a deny wins though written after the grant"),
            new Row("c1", null, "public/a", Access.WRITE, false, "read does not grant write"),
            new Row("c1", null, "sport/news", Access.READ, true, "+ matches one level"),
            new Row("c1", null, "$ctl/news", Access.READ, false, "+ at the first level does not match a $ topic"),
            new Row("c2", "alice", "logs/x", Access.WRITE, true, "user block grants write"),
            new Row("c2", "alice", "logs/x", Access.READ, false, "write does not grant read"),
            new Row("c2", "alice", "alice/private", Access.READ, false, "deny in the user block"),
            new Row("c2", "alice", "public/a", Access.READ, false, "a user does not get the anonymous section"),
            new Row("c3", "bob", "users/bob/inbox", Access.READ, true, "a user without a block gets patterns"),
            new Row("c3", "bob", "public/a", Access.READ, false, "a user without a block gets only patterns"),
            new Row("site/7", null, "devices/site/7/t", Access.WRITE, true, "a / in the client id is substituted"),
            new Row("x+y", null, "feed/a", Access.READ, false, "a + in the client id refuses every pattern"),
            new Row("c1", null, "feed/a", Access.READ, true, "a pattern without %c or %u applies to all"),
            new Row("c1", null, "users/c1/inbox", Access.READ, false, "a %u pattern skips anonymous clients"));

    private AclExamples() {
    }
}
