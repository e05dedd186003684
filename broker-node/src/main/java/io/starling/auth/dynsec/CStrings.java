package io.starling.auth.dynsec;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * The string rules Mosquitto's plugin applies with C functions, so that names sort, validate and
 * compare exactly as there: {@code strcmp} order is the order of UTF-8 bytes (not Java's UTF-16
 * order), {@code mosquitto_validate_utf8} also refuses control characters and non-characters, and
 * {@code mosquitto_sub_topic_check} only looks at where the wildcards stand.
 */
final class CStrings {

    /** {@code strcmp} on UTF-8: unsigned byte order. */
    static final Comparator<String> ORDER = CStrings::compare;

    private CStrings() {
    }

    static int compare(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return x.length - y.length;
    }

    /**
     * {@code mosquitto_validate_utf8}: well-formed, at most 65536 bytes, and no U+0000, no control
     * characters (U+0001..U+001F, U+007F..U+009F), no surrogates, no non-characters.
     */
    static boolean isValidUtf8(String s) {
        if (s.getBytes(StandardCharsets.UTF_8).length > 65_536) {
            return false;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isSurrogate(s.charAt(i)) && cp < 0x10000) {
                return false; // a lone surrogate
            }
            if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) {
                return false;
            }
            if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * {@code mosquitto_sub_topic_check}: {@code +} and {@code #} alone in their level, {@code #}
     * last, at most 65535 bytes. The empty string passes, as in Mosquitto.
     */
    static boolean isValidAclTopic(String topic) {
        if (topic.getBytes(StandardCharsets.UTF_8).length > 65_535) {
            return false;
        }
        int n = topic.length();
        for (int i = 0; i < n; i++) {
            char c = topic.charAt(i);
            boolean levelStart = i == 0 || topic.charAt(i - 1) == '/';
            if (c == '+') {
                if (!levelStart || (i + 1 < n && topic.charAt(i + 1) != '/')) {
                    return false;
                }
            } else if (c == '#') {
                if (!levelStart || i + 1 < n) {
                    return false;
                }
            }
        }
        return true;
    }

    /** What C sees of a string with an embedded U+0000: everything before it. */
    static String beforeNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
