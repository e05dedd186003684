package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.mqtt.TopicFilter;
import io.starling.route.local.SubscriptionTrie;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteFiltersTest {

    @Test
    void distinctIndexesGiveDistinctFilters() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertTrue(seen.add(RouteFilters.filter(i)), "filter " + i + " repeats: " + RouteFilters.filter(i));
        }
    }

    @Test
    void mostFiltersAreADevicesCommandsAFewAreWildcardsOrShared() {
        Map<RouteFilters.Kind, Integer> counts = new EnumMap<>(RouteFilters.Kind.class);
        for (int i = 0; i < 100_000; i++) {
            counts.merge(RouteFilters.kind(i), 1, Integer::sum);
        }
        assertEquals(10, counts.get(RouteFilters.Kind.LEADING_WILDCARD));
        assertEquals(85_000, counts.get(RouteFilters.Kind.DEVICE));
        assertEquals(10_000, counts.get(RouteFilters.Kind.SITE));
        assertEquals(5_000 - 10, counts.get(RouteFilters.Kind.SHARED)); // index 9 999 mod 20 is a shared slot
        assertEquals("devices/00000000/commands/#", RouteFilters.filter(0));
        assertTrue(RouteFilters.filter(17).matches("sites/[0-9a-f]{8}/\\+/status"), RouteFilters.filter(17));
        assertTrue(RouteFilters.filter(19).matches("\\$share/workers-5/jobs/[0-9a-f]{8}/#"), RouteFilters.filter(19));
        assertTrue(RouteFilters.filter(9_999).matches("\\+/alerts/[0-9a-f]{8}"), RouteFilters.filter(9_999));
    }

    @Test
    void eachMatchingTopicMatchesItsOwnFilterOnlyAndUnmatchedTopicsMatchNone() {
        int routes = 20_000; // two leading-wildcard filters among them
        SubscriptionTrie<String, Boolean> trie = new SubscriptionTrie<>();
        for (int i = 0; i < routes; i++) {
            trie.put(TopicFilter.parse(RouteFilters.filter(i)).filter(), "n" + i, Boolean.TRUE);
        }
        for (int i = 0; i < routes; i += 37) {
            checkOnlyMatch(trie, RouteFilters.matchingTopic(i), i);
            assertEquals(List.of(), matches(trie, RouteFilters.unmatchedTopic(i)));
        }
        checkOnlyMatch(trie, RouteFilters.matchingTopic(9_999), 9_999);
        checkOnlyMatch(trie, RouteFilters.matchingTopic(19_999), 19_999);
    }

    private static void checkOnlyMatch(SubscriptionTrie<String, Boolean> trie, String topic, int index) {
        assertEquals(List.of("n" + index), matches(trie, topic), topic);
    }

    private static List<String> matches(SubscriptionTrie<String, Boolean> trie, String topic) {
        List<String> keys = new ArrayList<>();
        trie.match(topic, (filter, key, value) -> keys.add(key));
        return keys;
    }
}
