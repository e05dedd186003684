package io.starling.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterTest {

    @Test
    void parsesAnOrdinaryFilter() {
        TopicFilter f = TopicFilter.parse("sport/tennis/+");
        assertEquals("sport/tennis/+", f.filter());
        assertNull(f.shareGroup());
        assertFalse(f.isShared());
    }

    @Test
    void parsesASharedSubscription() {
        TopicFilter f = TopicFilter.parse("$share/consumer1/sport/tennis/+");
        assertEquals("sport/tennis/+", f.filter());
        assertEquals("consumer1", f.shareGroup());
        assertTrue(f.isShared());
    }

    @Test
    void sharedFilterMayBeAWildcardOrStartWithAnEmptyLevel() {
        assertEquals(new TopicFilter("#", "g"), TopicFilter.parse("$share/g/#"));
        assertEquals(new TopicFilter("/finance", "g"), TopicFilter.parse("$share/g//finance"));
        assertEquals(new TopicFilter("$SYS/#", "g"), TopicFilter.parse("$share/g/$SYS/#"));
    }

    @Test
    void shareNameMayContainDollarAndOtherCharacters() {
        assertEquals("$weird group-1", TopicFilter.parse("$share/$weird group-1/a").shareGroup());
    }

    @ParameterizedTest
    @ValueSource(strings = {"$share", "$SHARE/g/a", "$shared/g/a", "share/g/a", "$sharex"})
    void onlyTheExactSharePrefixMakesASharedSubscription(String raw) {
        TopicFilter f = TopicFilter.parse(raw);
        assertFalse(f.isShared());
        assertEquals(raw, f.filter());
    }

    @Test
    void rejectsASharedSubscriptionWithoutAFilter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopicFilter.parse("$share/group"));
        assertTrue(e.getMessage().contains("$share/{ShareName}/{filter}"), e.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> TopicFilter.parse("$share/group/"));
        assertTrue(empty.getMessage().contains("topic filter"), empty.getMessage());
    }

    @Test
    void rejectsAnEmptyShareName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopicFilter.parse("$share//a/b"));
        assertTrue(e.getMessage().contains("must not be empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopicFilter.parse("$share/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$share/g+/a", "$share/+/a", "$share/#/a", "$share/g#/a"})
    void rejectsWildcardsInTheShareName(String raw) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicFilter.parse(raw));
        assertTrue(e.getMessage().contains("ShareName"), e.getMessage());
    }

    @Test
    void rejectsASlashInAShareNameGivenDirectly() {
        assertThrows(IllegalArgumentException.class, () -> new TopicFilter("a", "g/h"));
        assertThrows(IllegalArgumentException.class, () -> new TopicFilter("a", ""));
        assertThrows(IllegalArgumentException.class, () -> new TopicFilter("a", "g\u0000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$share/g/a/#/b", "$share/g/a+", "$share/g/a\u0000"})
    void rejectsAnInvalidFilterInASharedSubscription(String raw) {
        assertThrows(IllegalArgumentException.class, () -> TopicFilter.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sport/tennis#", "sport/tennis/#/ranking", "sport+", "a/#/"})
    void rejectsInvalidOrdinaryFiltersWithAReason(String raw) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicFilter.parse(raw));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> TopicFilter.parse(null));
        assertThrows(IllegalArgumentException.class, () -> new TopicFilter(null, null));
    }

    @Test
    void errorMessageOfAHugeFilterIsShortened() {
        String huge = "a+".repeat(10_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicFilter.parse(huge));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }
}
