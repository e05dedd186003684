package io.starling.mqtt;

/**
 * A topic filter from a SUBSCRIBE or UNSUBSCRIBE, with its share group if it names a shared
 * subscription ({@code $share/{ShareName}/{filter}}, MQTT 5 §4.8.2).
 *
 * @param filter     the filter that topics are matched against (without any {@code $share/...} prefix)
 * @param shareGroup the ShareName of a shared subscription, or {@code null} for an ordinary one
 */
public record TopicFilter(String filter, String shareGroup) {

    private static final String SHARE_PREFIX = "$share/";

    /** Both parts are checked; an invalid one throws {@link IllegalArgumentException} with the reason. */
    public TopicFilter {
        String error = Topics.filterError(filter);
        if (error != null) {
            throw new IllegalArgumentException(error + ": " + quote(filter));
        }
        if (shareGroup != null) {
            String groupError = shareGroupError(shareGroup);
            if (groupError != null) {
                throw new IllegalArgumentException(groupError + ": " + quote(shareGroup));
            }
        }
    }

    /**
     * Parses a filter as a client sends it. {@code $share/g/a/+} is the filter {@code a/+} shared in
     * group {@code g}; anything not starting with {@code $share/} is an ordinary filter (so
     * {@code $share} alone is an ordinary, literal filter, as in Mosquitto).
     *
     * @throws IllegalArgumentException if the filter or the share name is invalid; the message says why
     */
    public static TopicFilter parse(String raw) {
        if (raw == null || !raw.startsWith(SHARE_PREFIX)) {
            return new TopicFilter(raw, null);
        }
        int groupEnd = raw.indexOf('/', SHARE_PREFIX.length());
        if (groupEnd < 0) {
            throw new IllegalArgumentException(
                    "a shared subscription must look like $share/{ShareName}/{filter}: " + quote(raw));
        }
        String group = raw.substring(SHARE_PREFIX.length(), groupEnd);
        String filter = raw.substring(groupEnd + 1);
        if (filter.isEmpty()) {
            throw new IllegalArgumentException("a shared subscription needs a topic filter after the ShareName: "
                    + quote(raw));
        }
        return new TopicFilter(filter, group);
    }

    /** The filter as a client writes it: {@code $share/{ShareName}/{filter}} for a shared one. */
    public String text() {
        return shareGroup == null ? filter : SHARE_PREFIX + shareGroup + "/" + filter;
    }

    /** True for a {@code $share/...} subscription. */
    public boolean isShared() {
        return shareGroup != null;
    }

    private static String shareGroupError(String group) {
        if (group.isEmpty()) {
            return "the ShareName of a shared subscription must not be empty";
        }
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            if (c == '/' || c == '+' || c == '#') {
                return "the ShareName of a shared subscription must not contain '" + c + "'";
            }
            if (c == 0) {
                return "the ShareName of a shared subscription must not contain U+0000";
            }
        }
        return null;
    }

    /** Quotes a string for an error message, shortened: a filter may be 64 KiB long. */
    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 100 ? "\"" + s + "\"" : "\"" + s.substring(0, 100) + "...\"";
    }
}
