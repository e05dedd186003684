package io.starling.auth;

import io.starling.mqtt.Topics;

/**
 * One {@code topic} or {@code pattern} line of an ACL file: a topic filter and the access word that
 * followed the keyword.
 *
 * @param filter the topic filter as written; for a pattern it may hold {@code %c} and {@code %u}
 * @param kind   what the line grants, or {@link Kind#DENY}
 */
record AclEntry(String filter, Kind kind) {

    /** The access words of an ACL line. */
    enum Kind {
        READ, WRITE, READWRITE, DENY;

        /** True if a line with this word grants {@code access} (a DENY line grants nothing). */
        boolean grants(Access access) {
            return switch (this) {
                case READ -> access == Access.READ;
                case WRITE -> access == Access.WRITE;
                case READWRITE -> access == Access.READ || access == Access.WRITE;
                case DENY -> false;
            };
        }
    }

    /** True for a {@code topic} line whose filter matches {@code topic}. */
    boolean matches(String topic) {
        return Topics.matches(filter, topic);
    }

    /** True if this pattern names the username, so it never applies to an anonymous client. */
    boolean mentionsUsername() {
        return filter.contains("%u");
    }

    /**
     * The filter of this pattern for one client: every {@code %c} replaced by the client id and
     * every {@code %u} by the username, wherever they stand in the filter (Mosquitto 2.0 does not
     * require them to fill a whole level: {@code r/x%c} is {@code r/xCLIENT}). A {@code %u} stays as
     * it is when there is no username, but such patterns are skipped for anonymous clients anyway.
     */
    String filterFor(String clientId, String username) {
        if (filter.indexOf('%') < 0) {
            return filter;
        }
        StringBuilder out = new StringBuilder(filter.length() + 16);
        int length = filter.length();
        for (int i = 0; i < length; i++) {
            char c = filter.charAt(i);
            if (c == '%' && i + 1 < length) {
                char next = filter.charAt(i + 1);
                if (next == 'c') {
                    out.append(clientId);
                    i++;
                    continue;
                }
                if (next == 'u' && username != null) {
                    out.append(username);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
