package io.starling.mqtt;

/**
 * Topic names, topic filters and the matching of one against the other (MQTT 3.1.1 and 5.0, §4.7).
 *
 * <p>Levels are separated by {@code /}; empty levels are levels ({@code /a} has the levels
 * {@code ""} and {@code a}). {@code +} matches exactly one level, {@code #} matches its parent level
 * and any number of levels below it. Topics starting with {@code $} (such as {@code $SYS/...}) are
 * not matched by a filter whose first level is a wildcard.
 *
 * <p>Everything here runs for every PUBLISH, so it walks the strings by index: no regular
 * expressions, no splitting, no allocation.
 */
public final class Topics {

    /** Longest UTF-8 encoded string MQTT can carry (a two-byte length prefix). */
    public static final int MAX_UTF8_BYTES = 65_535;

    private Topics() {
    }

    /** True if {@code topic} may be the topic of a PUBLISH (§4.7.3, §1.5.4). */
    public static boolean isValidTopicName(String topic) {
        return topicNameError(topic) == null;
    }

    /** True if {@code filter} may be subscribed to (§4.7.1, §4.7.3); shared prefixes are not special here. */
    public static boolean isValidFilter(String filter) {
        return filterError(filter) == null;
    }

    /**
     * Why {@code topic} is not a valid topic name, or {@code null} if it is one. Wildcards are not
     * allowed in topic names; the string must be well-formed UTF-16 (hence well-formed UTF-8 on the
     * wire), contain no U+0000 and encode to at most 65535 bytes.
     */
    public static String topicNameError(String topic) {
        if (topic == null || topic.isEmpty()) {
            return "a topic name must not be empty";
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                return "a topic name must not contain the wildcard '" + c + "'";
            }
        }
        return stringError(topic, "topic name");
    }

    /**
     * Why {@code filter} is not a valid topic filter, or {@code null} if it is one: {@code #} must be
     * alone in the last level, {@code +} alone in its level; same string rules as topic names.
     */
    public static String filterError(String filter) {
        if (filter == null || filter.isEmpty()) {
            return "a topic filter must not be empty";
        }
        int levelStart = 0;
        int length = filter.length();
        for (int i = 0; i < length; i++) {
            char c = filter.charAt(i);
            if (c == '/') {
                levelStart = i + 1;
            } else if (c == '+' || c == '#') {
                boolean aloneInLevel = i == levelStart && (i + 1 == length || filter.charAt(i + 1) == '/');
                if (!aloneInLevel) {
                    return "'" + c + "' must occupy a whole level of the topic filter";
                }
                if (c == '#' && i + 1 != length) {
                    return "'#' must be the last level of the topic filter";
                }
            }
        }
        return stringError(filter, "topic filter");
    }

    /**
     * True if {@code topic} (a valid topic name) matches {@code filter} (a valid topic filter).
     * A filter that is not valid gives an unspecified answer.
     */
    public static boolean matches(String filter, String topic) {
        int filterLength = filter.length();
        int topicLength = topic.length();
        if (topicLength > 0 && topic.charAt(0) == '$' && filterLength > 0
                && (filter.charAt(0) == '+' || filter.charAt(0) == '#')) {
            return false; // §4.7.2: wildcards at the first level never match $-topics
        }
        int f = 0; // start of the current filter level
        int t = 0; // start of the current topic level
        while (true) {
            int fEnd = levelEnd(filter, f);
            if (isWildcardLevel(filter, f, fEnd, '#')) {
                return true;
            }
            int tEnd = levelEnd(topic, t);
            if (!isWildcardLevel(filter, f, fEnd, '+')) {
                int len = fEnd - f;
                if (len != tEnd - t || !filter.regionMatches(f, topic, t, len)) {
                    return false;
                }
            }
            boolean filterHasMore = fEnd < filterLength;
            boolean topicHasMore = tEnd < topicLength;
            if (!topicHasMore) {
                // "sport/#" also matches "sport": the only filter rest that matches nothing is "/#"
                return !filterHasMore || (fEnd + 2 == filterLength && filter.charAt(fEnd + 1) == '#');
            }
            if (!filterHasMore) {
                return false;
            }
            f = fEnd + 1;
            t = tEnd + 1;
        }
    }

    /** Index of the {@code /} that ends the level starting at {@code start}, or the string's length. */
    public static int levelEnd(String s, int start) {
        int slash = s.indexOf('/', start);
        return slash < 0 ? s.length() : slash;
    }

    private static boolean isWildcardLevel(String filter, int start, int end, char wildcard) {
        return end - start == 1 && filter.charAt(start) == wildcard;
    }

    /** Checks the rules for every MQTT UTF-8 string (§1.5.4) and the 65535-byte limit. */
    private static String stringError(String s, String what) {
        int length = s.length();
        if (length > MAX_UTF8_BYTES) {
            return "a " + what + " must not be longer than " + MAX_UTF8_BYTES + " bytes in UTF-8";
        }
        int utf8Bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    return "a " + what + " must not contain U+0000";
                }
                utf8Bytes += 1;
            } else if (c < 0x800) {
                utf8Bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                utf8Bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return "a " + what + " must be well-formed UTF-8 (unpaired surrogate at index " + i + ")";
            } else {
                utf8Bytes += 3;
            }
        }
        if (utf8Bytes > MAX_UTF8_BYTES) {
            return "a " + what + " must not be longer than " + MAX_UTF8_BYTES + " bytes in UTF-8";
        }
        return null;
    }
}
