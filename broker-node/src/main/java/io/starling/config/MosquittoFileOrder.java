package io.starling.config;

import java.util.Comparator;

/**
 * The order in which Mosquitto loads the files of an {@code include_dir}: alphabetical ignoring
 * case, and where two names differ only in case at a position, the upper-case letter first. So
 * {@code 00.conf, 01.conf, A.conf, a.conf, B.conf, b.conf} (man mosquitto.conf), and, checked
 * against Mosquitto 2.0.11, {@code Ab.conf} before {@code a.conf} and {@code Z.conf} before
 * {@code _x.conf} (letters compare as upper case).
 */
final class MosquittoFileOrder implements Comparator<String> {

    static final MosquittoFileOrder INSTANCE = new MosquittoFileOrder();

    @Override
    public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            int byLetter = Character.compare(upper(x), upper(y));
            if (byLetter != 0) {
                return byLetter;
            }
            if (x != y) {
                return Character.compare(x, y); // same letter, different case: 'A' < 'a'
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Upper case for ASCII letters only, as C's toupper in the "C" locale. */
    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c;
    }
}
