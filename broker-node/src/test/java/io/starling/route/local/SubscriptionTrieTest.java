package io.starling.route.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.mqtt.TopicStrings;
import io.starling.mqtt.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SubscriptionTrieTest {

    private final SubscriptionTrie<String, Integer> trie = new SubscriptionTrie<>();

    /** Every (filter, key) visited for {@code topic}, as "filter|key"; fails on a pair visited twice. */
    private static Set<String> matches(SubscriptionTrie<String, Integer> trie, String topic) {
        Set<String> visited = new HashSet<>();
        trie.match(topic, (filter, key, value) -> assertTrue(visited.add(filter + "|" + key),
                "visited twice: " + filter + "|" + key));
        return visited;
    }

    private Set<String> matches(String topic) {
        return matches(trie, topic);
    }

    private void subscribe(String key, String... filters) {
        for (String filter : filters) {
            trie.put(filter, key, 0);
        }
    }

    @Test
    void emptyTrieMatchesNothing() {
        assertTrue(trie.isEmpty());
        assertEquals(0, trie.size());
        assertEquals(Set.of(), matches("a/b"));
    }

    @Test
    void matchesTheSpecsMultiLevelWildcardExamples() {
        subscribe("s", "sport/tennis/player1/#");
        assertEquals(Set.of("sport/tennis/player1/#|s"), matches("sport/tennis/player1"));
        assertEquals(Set.of("sport/tennis/player1/#|s"), matches("sport/tennis/player1/ranking"));
        assertEquals(Set.of("sport/tennis/player1/#|s"), matches("sport/tennis/player1/score/wimbledon"));
        assertEquals(Set.of(), matches("sport/tennis"));
        assertEquals(Set.of(), matches("sport/tennis/player10"));

        subscribe("t", "sport/#");
        assertEquals(Set.of("sport/#|t"), matches("sport"));
        subscribe("u", "#");
        assertEquals(Set.of("sport/#|t", "#|u"), matches("sport"));
    }

    @Test
    void matchesTheSpecsSingleLevelWildcardExamples() {
        subscribe("s", "sport/tennis/+");
        assertEquals(Set.of("sport/tennis/+|s"), matches("sport/tennis/player1"));
        assertEquals(Set.of("sport/tennis/+|s"), matches("sport/tennis/player2"));
        assertEquals(Set.of(), matches("sport/tennis/player1/ranking"));

        subscribe("t", "sport/+");
        assertEquals(Set.of(), matches("sport"));
        assertEquals(Set.of("sport/+|t"), matches("sport/"));

        subscribe("u", "+/+", "/+", "+");
        assertEquals(Set.of("+/+|u", "/+|u"), matches("/finance"));

        subscribe("v", "sport/+/player1", "+/tennis/#");
        assertEquals(Set.of("sport/tennis/+|s", "sport/+/player1|v", "+/tennis/#|v"),
                matches("sport/tennis/player1"));
    }

    @Test
    void wildcardsAtTheFirstLevelDoNotMatchDollarTopics() {
        subscribe("a", "#", "+/monitor/Clients", "+", "+/#");
        subscribe("b", "$SYS/#", "$SYS/monitor/+", "$SYS/monitor/Clients");
        assertEquals(Set.of("$SYS/#|b", "$SYS/monitor/+|b", "$SYS/monitor/Clients|b"),
                matches("$SYS/monitor/Clients"));
        assertEquals(Set.of("$SYS/#|b"), matches("$SYS"));
        assertEquals(Set.of(), matches("$"));
        assertEquals(Set.of("#|a", "+/monitor/Clients|a", "+/#|a"), matches("SYS/monitor/Clients"));
    }

    @Test
    void wildcardsBelowTheFirstLevelMatchDollarTopics() {
        subscribe("a", "$SYS/+/clients", "$SYS/#");
        assertEquals(Set.of("$SYS/+/clients|a", "$SYS/#|a"), matches("$SYS/broker/clients"));
        subscribe("b", "a/+", "a/#");
        assertEquals(Set.of("a/+|b", "a/#|b"), matches("a/$b"));
    }

    @Test
    void emptyLevelsAreLevels() {
        subscribe("k", "a//b", "a/+/b", "/", "+/+", "/#", "+", "a/+", "a/b");
        assertEquals(Set.of("a//b|k", "a/+/b|k"), matches("a//b"));
        assertEquals(Set.of("/|k", "+/+|k", "/#|k"), matches("/"));
        assertEquals(Set.of("a/+|k", "+/+|k"), matches("a/"));
        assertEquals(Set.of("a/b|k", "a/+|k", "+/+|k"), matches("a/b"));
        assertEquals(Set.of("/#|k"), matches("//"));
    }

    @Test
    void aSubscriberWithOverlappingFiltersIsVisitedOncePerFilter() {
        subscribe("c1", "a/+", "a/#", "#");
        List<String> filters = new ArrayList<>();
        trie.match("a/b", (filter, key, value) -> filters.add(filter + "|" + key));
        assertEquals(3, filters.size());
        assertEquals(Set.of("a/+|c1", "a/#|c1", "#|c1"), new HashSet<>(filters));
    }

    @Test
    void everySubscriberOfAFilterIsVisitedWithItsOwnValue() {
        trie.put("a/b", "c1", 1);
        trie.put("a/b", "c2", 2);
        trie.put("a/+", "c1", 3);
        List<String> visits = new ArrayList<>();
        trie.match("a/b", (filter, key, value) -> visits.add(filter + "|" + key + "|" + value));
        assertEquals(Set.of("a/b|c1|1", "a/b|c2|2", "a/+|c1|3"), new HashSet<>(visits));
        assertEquals(3, visits.size());
    }

    @Test
    void putReplacesTheValueOfTheSameFilterAndKey() {
        assertNull(trie.put("a/b", "c1", 1));
        assertEquals(1, trie.put("a/b", "c1", 2));
        assertEquals(1, trie.size());
        List<Integer> values = new ArrayList<>();
        trie.match("a/b", (filter, key, value) -> values.add(value));
        assertEquals(List.of(2), values);
    }

    @Test
    void sizeCountsFilterAndKeyPairs() {
        trie.put("a/b", "c1", 1);
        trie.put("a/b", "c2", 1);
        trie.put("a/+", "c1", 1);
        trie.put("#", "c1", 1);
        assertEquals(4, trie.size());
        assertFalse(trie.isEmpty());
    }

    @Test
    void removeReturnsTheValueAndStopsMatching() {
        trie.put("a/+", "c1", 7);
        trie.put("a/+", "c2", 8);
        assertEquals(7, trie.remove("a/+", "c1"));
        assertEquals(Set.of("a/+|c2"), matches("a/b"));
        assertEquals(1, trie.size());
    }

    @Test
    void removingWhatIsNotThereReturnsNullAndChangesNothing() {
        trie.put("a/b", "c1", 1);
        assertNull(trie.remove("a/b", "c2"));
        assertNull(trie.remove("a/c", "c1"));
        assertNull(trie.remove("a", "c1"));
        assertNull(trie.remove("a/b/c", "c1"));
        assertNull(trie.remove("a/#/b", "c1"));
        assertNull(trie.remove("", "c1"));
        assertEquals(1, trie.size());
        assertEquals(Set.of("a/b|c1"), matches("a/b"));
    }

    @Test
    void removingEverySubscriptionPrunesEveryNode() {
        String[] filters = {"a/b/c", "a/b", "a/+/c", "a/#", "#", "+", "+/+/+", "/", "a//b", "$SYS/#", "x/y/z/w"};
        for (String filter : filters) {
            trie.put(filter, "c1", 1);
            trie.put(filter, "c2", 1);
        }
        assertTrue(trie.nodeCount() > filters.length);
        for (String filter : filters) {
            trie.remove(filter, "c1");
        }
        assertTrue(trie.nodeCount() > filters.length, "nodes still used by c2 stay");
        assertEquals(filters.length, trie.size());
        for (String filter : filters) {
            trie.remove(filter, "c2");
        }
        assertTrue(trie.isEmpty());
        assertEquals(0, trie.nodeCount());
        assertEquals(Set.of(), matches("a/b/c"));
    }

    @Test
    void removingALeafKeepsTheNodesOfOtherFilters() {
        trie.put("a/b/c", "c1", 1);
        trie.put("a", "c1", 1);
        trie.remove("a/b/c", "c1");
        assertEquals(1, trie.nodeCount());
        assertEquals(Set.of("a|c1"), matches("a"));
        trie.put("a/b/c", "c1", 1);
        assertEquals(Set.of("a/b/c|c1"), matches("a/b/c"));
    }

    @Test
    void manyLiteralSiblingsGrowAndShrinkTheirTable() {
        for (int i = 0; i < 1000; i++) {
            trie.put("dev/" + i + "/cmd", "c" + i, i);
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(Set.of("dev/" + i + "/cmd|c" + i), matches("dev/" + i + "/cmd"));
        }
        for (int i = 0; i < 990; i++) {
            assertEquals(i, trie.remove("dev/" + i + "/cmd", "c" + i));
        }
        for (int i = 990; i < 1000; i++) {
            assertEquals(Set.of("dev/" + i + "/cmd|c" + i), matches("dev/" + i + "/cmd"));
        }
        assertEquals(Set.of(), matches("dev/5/cmd"));
        assertEquals(10, trie.size());
    }

    @Test
    void levelsWithCollidingHashesAreKeptApart() {
        // "Aa" and "BB" have the same String.hashCode
        trie.put("Aa/BB", "c1", 1);
        trie.put("BB/Aa", "c2", 2);
        trie.put("AaBB", "c3", 3);
        trie.put("BBBB", "c4", 4);
        assertEquals(Set.of("Aa/BB|c1"), matches("Aa/BB"));
        assertEquals(Set.of("BB/Aa|c2"), matches("BB/Aa"));
        assertEquals(Set.of("AaBB|c3"), matches("AaBB"));
        assertEquals(Set.of("BBBB|c4"), matches("BBBB"));
        assertEquals(Set.of(), matches("AaAa"));
        trie.remove("AaBB", "c3");
        assertEquals(Set.of("BBBB|c4"), matches("BBBB"));
        assertEquals(Set.of(), matches("AaBB"));
    }

    @Test
    void visitorGetsTheFilterAsSubscribed() {
        trie.put("a/b/c", "c1", 1);
        trie.put("a/b", "c1", 1);
        Set<String> filters = new HashSet<>();
        trie.match("a/b", (filter, key, value) -> filters.add(filter));
        assertEquals(Set.of("a/b"), filters);
    }

    @Test
    void rejectsInvalidFilters() {
        for (String bad : new String[] {"", "a/#/b", "a+", "a#", "a\u0000"}) {
            assertThrows(IllegalArgumentException.class, () -> trie.put(bad, "c1", 1), bad);
        }
        assertThrows(NullPointerException.class, () -> trie.put("a", null, 1));
        assertThrows(NullPointerException.class, () -> trie.put("a", "c1", null));
        assertTrue(trie.isEmpty());
    }

    @Test
    void agreesWithTopicsMatchesForEveryFilterAndTopic() {
        String[] levels = {"a", "b", "", "$x", "+", "#"};
        List<String> all = TopicStrings.upToThreeLevels(levels);
        List<String> filters = all.stream().filter(Topics::isValidFilter).toList();
        List<String> topics = all.stream().filter(Topics::isValidTopicName).toList();
        for (String filter : filters) {
            trie.put(filter, "k", 1);
        }
        assertEquals(filters.size(), trie.size());
        for (String topic : topics) {
            Set<String> expected = new HashSet<>();
            for (String filter : filters) {
                if (Topics.matches(filter, topic)) {
                    expected.add(filter + "|k");
                }
            }
            assertEquals(expected, matches(topic), topic);
        }
    }

    @Test
    void filtersWithThousandsOfLevelsDoNotOverflowTheStack() {
        int depth = 20_000;
        String plusChain = "+/".repeat(depth) + "#";
        String literalChain = "a/".repeat(depth) + "a";
        trie.put(plusChain, "c1", 1);
        trie.put(literalChain, "c2", 2);
        assertEquals(Set.of(plusChain + "|c1", literalChain + "|c2"), matches(literalChain));
        trie.remove(plusChain, "c1");
        trie.remove(literalChain, "c2");
        assertEquals(0, trie.nodeCount());
    }

    @Test
    void manyPendingWildcardBranchesAreAllFollowed() {
        // along a chain of "+" levels, every level also has a literal "a" branch still to follow
        Set<String> expected = new HashSet<>();
        for (int i = 0; i <= 40; i++) {
            String filter = "+/".repeat(i) + "a/#";
            trie.put(filter, "k", i);
            expected.add(filter + "|k");
        }
        assertEquals(expected, matches("a/".repeat(40) + "a"));
    }

    /**
     * Writers subscribe and unsubscribe on paths shared with stable subscriptions while readers
     * match: every stable subscription must be found by every match, nothing that does not match
     * may be visited, and the final size must add up.
     */
    @Test
    void concurrentWritesNeverHideSubscriptionsPresentThroughout() throws Exception {
        String[] stableFilters = {"t/a/x", "t/+/x", "t/#", "#", "+/a/+", "$SYS/#", "u/v"};
        String[] churnFilters = {"t/a/x/y", "t/a", "t/a/+", "t/+/x/#", "t/b/x", "+/+/+", "t/a/x", "u/v", "t/#",
                "$SYS/a", "u/v/w", "t/a/x/y/z", "+", "u/+"};
        String[] topics = {"t/a/x", "t/b/x", "t/a", "t/a/x/y", "$SYS/a", "u/v", "z", "t/a/x/y/z", "u/v/w"};
        for (String filter : stableFilters) {
            trie.put(filter, "stable", -1);
        }
        int writers = 3;
        int readers = 3;
        int writesPerWriter = 20_000;
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
        try {
            List<Future<Set<String>>> writerResults = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String key = "w" + w;
                writerResults.add(pool.submit(() -> {
                    start.await();
                    Set<String> left = new HashSet<>();
                    java.util.Random random = new java.util.Random(key.hashCode());
                    for (int i = 0; i < writesPerWriter; i++) {
                        String filter = churnFilters[random.nextInt(churnFilters.length)];
                        if (random.nextBoolean()) {
                            trie.put(filter, key, i);
                            left.add(filter);
                        } else {
                            trie.remove(filter, key);
                            left.remove(filter);
                        }
                    }
                    return left;
                }));
            }
            List<Future<Integer>> readerResults = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                readerResults.add(pool.submit(() -> {
                    start.await();
                    int rounds = 0;
                    while ((writing.get() || rounds < 1_000) && rounds < 1_000_000) {
                        String topic = topics[rounds % topics.length];
                        Set<String> seen = new HashSet<>();
                        trie.match(topic, (filter, key, value) -> {
                            if (!Topics.matches(filter, topic)) {
                                failures.add(filter + " visited for " + topic);
                            }
                            if (key.equals("stable")) {
                                seen.add(filter);
                            }
                        });
                        for (String filter : stableFilters) {
                            if (Topics.matches(filter, topic) && !seen.contains(filter)) {
                                failures.add("stable " + filter + " missed for " + topic);
                            }
                        }
                        rounds++;
                    }
                    return rounds;
                }));
            }
            start.countDown();
            int expectedSize = stableFilters.length;
            for (Future<Set<String>> result : writerResults) {
                expectedSize += result.get(60, TimeUnit.SECONDS).size();
            }
            writing.set(false);
            for (Future<Integer> result : readerResults) {
                assertTrue(result.get(60, TimeUnit.SECONDS) > 0);
            }
            assertEquals(List.of(), new ArrayList<>(failures));
            assertEquals(expectedSize, trie.size());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        for (String topic : topics) {
            Set<String> visited = matches(topic);
            for (String pair : visited) {
                assertTrue(Topics.matches(pair.substring(0, pair.indexOf('|')), topic), pair);
            }
        }
        // unsubscribing everything leaves an empty, fully pruned trie
        for (int w = 0; w < writers; w++) {
            for (String filter : churnFilters) {
                trie.remove(filter, "w" + w);
            }
        }
        for (String filter : stableFilters) {
            trie.remove(filter, "stable");
        }
        assertEquals(0, trie.size());
        assertEquals(0, trie.nodeCount());
    }
}
