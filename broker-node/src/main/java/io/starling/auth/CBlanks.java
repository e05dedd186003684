package io.starling.auth;

/** Blanks as C's {@code isspace()} sees them: Mosquitto trims names and hashes with it. */
public final class CBlanks {

    private CBlanks() {
    }

    /** {@code s} without C blanks at either end, as Mosquitto's trimblanks leaves it. */
    public static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isBlank(s.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
