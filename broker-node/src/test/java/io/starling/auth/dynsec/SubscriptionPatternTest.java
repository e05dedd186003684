package io.starling.auth.dynsec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubscriptionPatternTest {

    /** The cases of Mosquitto's own sub_matches_sub test program. */
    @ParameterizedTest
    @CsvSource({
        "foo/+/bar, foo/#, false",
        "foo/+/ba℞/#, foo/baz/ba℞, true",
        "foo/+/ba℞/#, foo/baz/ba℞/+, true",
        "foo/+/ba℞/#, foo/baz/ba℞/#, true",
        "foo/+/ba℞/#, foo/baz/+/#, false",
        "/+//#, /foo///#, true",
        "#, #, true",
        "#, +, true",
        "/#, +, false",
        "/#, /+, true",
        "/+, #, false",
        "/+, +, false",
        "+/+, topic/topic, true",
        "+/+, topic/topic/, false",
        "+, #, false",
        "+, +, true",
        "a/b/c/d/e, a/b/c/d/e, true",
        "a/b/ /d/e, a/b/c/d/e, false",
    })
    void patternCoversFilterAsMosquittoDoes(String rule, String filter, boolean expected) {
        assertEquals(expected, SubscriptionPattern.covers(rule, filter));
    }
}
