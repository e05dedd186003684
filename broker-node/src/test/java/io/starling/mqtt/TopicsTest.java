package io.starling.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    // ---- topic names ----

    @ParameterizedTest
    @ValueSource(strings = {"a", "sport/tennis/player1", "/", "/finance", "finance/", "a//b", "Accounts payable",
            "$SYS/broker/uptime", "$", "ünïcödé/トピック", "emoji/\uD83D\uDE00"})
    void acceptsValidTopicNames(String topic) {
        assertTrue(Topics.isValidTopicName(topic), topic);
        assertNull(Topics.topicNameError(topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "#", "sport/+", "sport/#", "sport+", "a#b", "a\u0000b"})
    void rejectsInvalidTopicNames(String topic) {
        assertFalse(Topics.isValidTopicName(topic), topic);
        assertNotNull(Topics.topicNameError(topic));
    }

    @Test
    void rejectsNullTopicName() {
        assertFalse(Topics.isValidTopicName(null));
    }

    @Test
    void topicNameErrorSaysWhatIsWrong() {
        assertTrue(Topics.topicNameError("a/+").contains("'+'"));
        assertTrue(Topics.topicNameError("a\u0000").contains("U+0000"));
        assertTrue(Topics.topicNameError("").contains("empty"));
    }

    @Test
    void topicNameMayBeExactly65535Utf8Bytes() {
        assertTrue(Topics.isValidTopicName("a".repeat(65_535)));
        assertFalse(Topics.isValidTopicName("a".repeat(65_536)));
    }

    @Test
    void topicNameLengthLimitCountsUtf8BytesNotChars() {
        // 'é' is two bytes, '€' three, an emoji (a surrogate pair) four
        assertTrue(Topics.isValidTopicName("é".repeat(32_767) + "a"));
        assertFalse(Topics.isValidTopicName("é".repeat(32_768)));
        assertTrue(Topics.isValidTopicName("€".repeat(21_845)));
        assertFalse(Topics.isValidTopicName("€".repeat(21_845) + "a"));
        assertTrue(Topics.isValidTopicName("\uD83D\uDE00".repeat(16_383) + "abc"));
        assertFalse(Topics.isValidTopicName("\uD83D\uDE00".repeat(16_384)));
    }

    @Test
    void rejectsUnpairedSurrogatesBecauseTheyAreNotWellFormedUtf8() {
        assertFalse(Topics.isValidTopicName("a\uD83Db"));
        assertFalse(Topics.isValidTopicName("a\uDE00"));
        assertFalse(Topics.isValidTopicName("a\uD83D"));
    }

    // ---- topic filters ----

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "sport/tennis/player1/#", "sport/tennis/#", "sport/#", "+/tennis/#",
            "sport/+/player1", "+/+", "/+", "+/", "/", "//", "a//b", "$SYS/#", "$SYS/monitor/+", "+/#",
            "sport/tennis/+", "$share/group/a"})
    void acceptsValidFilters(String filter) {
        assertTrue(Topics.isValidFilter(filter), filter);
        assertNull(Topics.filterError(filter));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sport/tennis#", "sport/tennis/#/ranking", "sport+", "#/a", "a/#/", "a/b#",
            "a/++", "a/+b", "a/b+/c", "##", "+#", "a\u0000", "a\uD800"})
    void rejectsInvalidFilters(String filter) {
        assertFalse(Topics.isValidFilter(filter), filter);
        assertNotNull(Topics.filterError(filter));
    }

    @Test
    void rejectsNullFilter() {
        assertFalse(Topics.isValidFilter(null));
    }

    @Test
    void filterErrorSaysWhatIsWrong() {
        assertTrue(Topics.filterError("sport/tennis/#/ranking").contains("last level"));
        assertTrue(Topics.filterError("sport+").contains("whole level"));
        assertTrue(Topics.filterError("").contains("empty"));
    }

    @Test
    void filterMayBeExactly65535Utf8Bytes() {
        assertTrue(Topics.isValidFilter("a".repeat(65_533) + "/#"));
        assertFalse(Topics.isValidFilter("a".repeat(65_534) + "/#"));
    }

    // ---- matching ----

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource({
            // §4.7.1.2 multi-level wildcard
            "sport/tennis/player1/#, sport/tennis/player1",
            "sport/tennis/player1/#, sport/tennis/player1/ranking",
            "sport/tennis/player1/#, sport/tennis/player1/score/wimbledon",
            "sport/#, sport",
            "#, sport",
            "#, sport/tennis/player1",
            "#, /",
            // §4.7.1.3 single-level wildcard
            "sport/tennis/+, sport/tennis/player1",
            "sport/tennis/+, sport/tennis/player2",
            "sport/+, sport/",
            "+/+, /finance",
            "/+, /finance",
            "sport/+/player1, sport/tennis/player1",
            "+/tennis/#, sport/tennis",
            "+/tennis/#, sport/tennis/player1/ranking",
            "+, sport",
            "+/#, sport",
            "+/#, sport/tennis",
            // §4.7.2 topics beginning with $
            "$SYS/#, $SYS/broker/clients",
            "$SYS/#, $SYS",
            "$SYS/monitor/+, $SYS/monitor/Clients",
            "$SYS/monitor/Clients, $SYS/monitor/Clients",
            "$, $",
            // empty levels are levels
            "a//b, a//b",
            "a/+/b, a//b",
            "/, /",
            "+/+, /",
            "/#, /",
            "/#, /a/b",
            "+/a, /a",
            "a/+, a/",
            // literal
            "sport/tennis/player1, sport/tennis/player1",
            "Accounts payable, Accounts payable",
    })
    void matches(String filter, String topic) {
        assertTrue(Topics.matches(filter, topic), filter + " should match " + topic);
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource({
            "sport/tennis/+, sport/tennis/player1/ranking",
            "sport/+, sport",
            "+, /finance",
            "+, /",
            "sport/tennis/player1/#, sport/tennis",
            "sport/tennis/player1/#, sport/tennis/player10",
            "sport/tennis/#, sport",
            "sport/tennis, sport/tennis/",
            "sport/tennis/, sport/tennis",
            "sport, Sport",
            "ACCOUNTS, Accounts",
            "/finance, finance",
            "finance, /finance",
            "a/b, a//b",
            "a//b, a/b",
            "a/+/b, a/b",
            "+/+, a",
            "+/+, a/b/c",
            "sport/tennis/player, sport/tennis/player1",
            "sport/tennis/player1, sport/tennis/player",
            "ab, a",
            // §4.7.2 topics beginning with $
            "#, $SYS",
            "#, $SYS/broker/clients",
            "+/monitor/Clients, $SYS/monitor/Clients",
            "+, $SYS",
            "+/#, $SYS/a",
            "#, $",
            "$SYS/#, $SYSTEM/x",
    })
    void doesNotMatch(String filter, String topic) {
        assertFalse(Topics.matches(filter, topic), filter + " should not match " + topic);
    }

    @Test
    void dollarTopicsAreMatchedByWildcardsAfterTheFirstLevel() {
        assertTrue(Topics.matches("$SYS/+/clients", "$SYS/broker/clients"));
        assertTrue(Topics.matches("$share/+", "$share/x"));
    }

    @Test
    void dollarInsideATopicIsAnOrdinaryCharacter() {
        assertTrue(Topics.matches("#", "a/$SYS"));
        assertTrue(Topics.matches("+/+", "a/$b"));
    }

    @Test
    void matchingIsCaseSensitiveAndExact() {
        assertFalse(Topics.matches("sport/Tennis", "sport/tennis"));
        assertTrue(Topics.matches("sport/tennis", "sport/tennis"));
    }

    @Test
    void levelEndFindsTheNextSlashOrTheEnd() {
        assertEquals(1, Topics.levelEnd("a/b", 0));
        assertEquals(3, Topics.levelEnd("a/b", 2));
        assertEquals(0, Topics.levelEnd("/b", 0));
        assertEquals(0, Topics.levelEnd("", 0));
    }

    @Test
    void agreesWithANaiveSplittingMatcherOnManyPairs() {
        String[] levels = {"a", "b", "", "$x", "+", "#"};
        java.util.List<String> filters = TopicStrings.upToThreeLevels(levels);
        java.util.List<String> topics = new java.util.ArrayList<>();
        for (String f : filters) {
            if (Topics.isValidTopicName(f)) {
                topics.add(f);
            }
        }
        int checked = 0;
        for (String filter : filters) {
            if (!Topics.isValidFilter(filter)) {
                continue;
            }
            for (String topic : topics) {
                assertEquals(naiveMatches(filter, topic), Topics.matches(filter, topic), filter + " vs " + topic);
                checked++;
            }
        }
        assertTrue(checked > 1_000, "checked " + checked);
    }


    /** A direct reading of §4.7, by splitting into levels: the reference for the fast matcher. */
    static boolean naiveMatches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        if (topic.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
