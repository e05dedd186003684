package io.starling.retain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.mqtt.TopicStrings;
import io.starling.mqtt.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RetainedTreeTest {

    /** Each retained value is its own topic, so a match result reads as a set of topics. */
    private final RetainedTree<String> tree = new RetainedTree<>();

    private void retain(String... topics) {
        for (String topic : topics) {
            tree.put(topic, topic);
        }
    }

    private Set<String> match(String filter) {
        List<String> found = new ArrayList<>();
        tree.match(filter, found::add);
        Set<String> unique = new HashSet<>(found);
        assertEquals(found.size(), unique.size(), "a message was given twice: " + found);
        return unique;
    }

    private static final String[] SPEC_TOPICS = {
            "sport", "sport/", "sport/tennis", "sport/tennis/player1", "sport/tennis/player1/ranking",
            "sport/tennis/player1/score/wimbledon", "sport/tennis/player2", "sport/tennis/player10",
            "/finance", "finance", "/", "a//b", "$SYS/broker/clients", "$SYS/monitor/Clients", "$SYS", "$",
            "Accounts payable", "ACCOUNTS", "Accounts"};

    @Test
    void getReturnsWhatWasPut() {
        assertNull(tree.put("a/b", "one"));
        assertEquals("one", tree.get("a/b"));
        assertNull(tree.get("a"));
        assertNull(tree.get("a/b/c"));
        assertNull(tree.get("a/c"));
    }

    @Test
    void putReplacesAndReturnsThePreviousMessage() {
        tree.put("a/b", "one");
        assertEquals("one", tree.put("a/b", "two"));
        assertEquals("two", tree.get("a/b"));
        assertEquals(1, tree.size());
    }

    @Test
    void removeReturnsTheMessageAndForgetsIt() {
        tree.put("a/b", "one");
        tree.put("a", "parent");
        assertEquals("one", tree.remove("a/b"));
        assertNull(tree.get("a/b"));
        assertEquals("parent", tree.get("a"));
        assertEquals(1, tree.size());
        assertNull(tree.remove("a/b"));
        assertNull(tree.remove("x/y"));
        assertNull(tree.remove(""));
        assertEquals(1, tree.size());
    }

    @Test
    void removingEveryMessagePrunesEveryNode() {
        retain(SPEC_TOPICS);
        assertEquals(SPEC_TOPICS.length, tree.size());
        for (String topic : SPEC_TOPICS) {
            assertEquals(topic, tree.remove(topic));
        }
        assertEquals(0, tree.size());
        assertEquals(0, tree.nodeCount());
    }

    @Test
    void removingALeafKeepsItsParentsMessage() {
        retain("a", "a/b/c");
        tree.remove("a/b/c");
        assertEquals(1, tree.nodeCount());
        assertEquals(Set.of("a"), match("#"));
    }

    @Test
    void topicsWithEmptyLevelsAreDistinct() {
        retain("a/b", "a//b", "/a/b", "a/b/");
        assertEquals(4, tree.size());
        assertEquals("a//b", tree.get("a//b"));
        assertEquals("/a/b", tree.get("/a/b"));
        assertEquals("a/b/", tree.get("a/b/"));
        assertEquals(Set.of("a//b"), match("a//b"));
        assertEquals(Set.of("a//b"), match("a/+/b"));
        assertEquals(Set.of("a/b/"), match("a/b/+"));
        assertEquals(Set.of("a/b", "a/b/"), match("a/b/#"));
        assertEquals(Set.of("/a/b"), match("/#"));
        assertEquals(Set.of("/a/b"), match("+/a/b"));
    }

    @Test
    void matchesTheSpecsExamples() {
        retain(SPEC_TOPICS);
        assertEquals(Set.of("sport/tennis/player1", "sport/tennis/player1/ranking",
                "sport/tennis/player1/score/wimbledon"), match("sport/tennis/player1/#"));
        assertEquals(Set.of("sport/tennis/player1", "sport/tennis/player2", "sport/tennis/player10"),
                match("sport/tennis/+"));
        assertEquals(Set.of("sport/", "sport/tennis"), match("sport/+"));
        assertEquals(Set.of("sport/", "sport/tennis", "/finance", "/"), match("+/+"));
        assertEquals(Set.of("/finance", "/"), match("/+"));
        assertEquals(Set.of("sport", "finance", "Accounts payable", "ACCOUNTS", "Accounts"), match("+"));
        assertEquals(Set.of("sport", "sport/", "sport/tennis", "sport/tennis/player1",
                "sport/tennis/player1/ranking", "sport/tennis/player1/score/wimbledon", "sport/tennis/player2",
                "sport/tennis/player10"), match("sport/#"));
        assertEquals(Set.of("sport/tennis/player1"), match("sport/+/player1"));
        assertEquals(Set.of("Accounts"), match("Accounts"));
    }

    @Test
    void wildcardsAtTheFirstLevelDoNotMatchDollarTopics() {
        retain(SPEC_TOPICS);
        assertTrue(match("#").stream().noneMatch(t -> t.startsWith("$")));
        assertTrue(match("+").stream().noneMatch(t -> t.startsWith("$")));
        assertEquals(Set.of(), match("+/monitor/Clients"));
        assertEquals(Set.of("$SYS/monitor/Clients"), match("$SYS/monitor/+"));
        assertEquals(Set.of("$SYS", "$SYS/broker/clients", "$SYS/monitor/Clients"), match("$SYS/#"));
        assertEquals(Set.of("$SYS/broker/clients"), match("$SYS/+/clients"));
        assertEquals(Set.of("$"), match("$"));
    }

    @Test
    void matchAgreesWithTopicsMatchesForManyFilters() {
        String[] levels = {"a", "b", "", "$x"};
        List<String> topics = TopicStrings.upToThreeLevels(levels);
        for (String topic : topics) {
            tree.put(topic, topic);
        }
        String[] filterLevels = {"a", "", "$x", "+", "#"};
        List<String> filters = TopicStrings.upToThreeLevels(filterLevels);
        int checked = 0;
        for (String filter : filters) {
            if (!Topics.isValidFilter(filter)) {
                continue;
            }
            Set<String> expected = new HashSet<>();
            for (String topic : topics) {
                if (Topics.matches(filter, topic)) {
                    expected.add(topic);
                }
            }
            assertEquals(expected, match(filter), filter);
            checked++;
        }
        assertTrue(checked > 50);
    }

    @Test
    void forEachGivesEveryTopicAndMessage() {
        retain(SPEC_TOPICS);
        Map<String, String> all = new HashMap<>();
        tree.forEach((topic, message) -> assertNull(all.put(topic, message)));
        Map<String, String> expected = new HashMap<>();
        for (String topic : SPEC_TOPICS) {
            expected.put(topic, topic);
        }
        assertEquals(expected, all);
    }

    @Test
    void rejectsInvalidTopicsAndFilters() {
        assertThrows(IllegalArgumentException.class, () -> tree.put("a/+", "x"));
        assertThrows(IllegalArgumentException.class, () -> tree.put("", "x"));
        assertThrows(IllegalArgumentException.class, () -> tree.put("a\u0000", "x"));
        assertThrows(NullPointerException.class, () -> tree.put("a", null));
        assertThrows(IllegalArgumentException.class, () -> tree.match("a/#/b", m -> { }));
        assertThrows(IllegalArgumentException.class, () -> tree.match("", m -> { }));
        assertEquals(0, tree.size());
    }

    @Test
    void topicsWithThousandsOfLevelsDoNotOverflowTheStack() {
        String deep = "a/".repeat(30_000) + "a";
        String empties = "/".repeat(30_000);
        tree.put(deep, "deep");
        tree.put(empties, "empties");
        assertEquals(Set.of("deep", "empties"), new HashSet<>(collect("#")));
        assertEquals(List.of("empties"), collect("/#"));
        assertEquals(Set.of("deep", "empties"), new HashSet<>(collect("+/".repeat(30_000) + "+")));
        assertEquals(List.of("deep"), collect("a/".repeat(30_000) + "+"));
        assertEquals("deep", tree.get(deep));
        tree.remove(deep);
        tree.remove(empties);
        assertEquals(0, tree.nodeCount());
    }

    private List<String> collect(String filter) {
        List<String> found = new ArrayList<>();
        tree.match(filter, found::add);
        return found;
    }

    @Test
    void concurrentWritesNeverHideMessagesRetainedThroughout() throws Exception {
        String[] stable = {"t/a/x", "t/b", "u", "$SYS/a"};
        String[] churn = {"t/a", "t/a/x/y", "t/a/y", "t/c/x", "u/v", "$SYS/b", "v"};
        String[] filters = {"#", "t/#", "t/+/x", "+", "$SYS/#", "t/a/+", "+/a/x"};
        for (String topic : stable) {
            tree.put(topic, "stable " + topic);
        }
        int writers = 2;
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try {
            List<Future<?>> writerResults = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int seed = w;
                writerResults.add(pool.submit(() -> {
                    start.await();
                    java.util.Random random = new java.util.Random(seed);
                    for (int i = 0; i < 20_000; i++) {
                        String topic = churn[random.nextInt(churn.length)];
                        if (random.nextBoolean()) {
                            tree.put(topic, "churn " + topic);
                        } else {
                            tree.remove(topic);
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> readerResults = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readerResults.add(pool.submit(() -> {
                    start.await();
                    for (int rounds = 0; (writing.get() || rounds < 1_000) && rounds < 1_000_000; rounds++) {
                        String filter = filters[rounds % filters.length];
                        Set<String> seen = new HashSet<>();
                        tree.match(filter, message -> {
                            String topic = message.substring(message.indexOf(' ') + 1);
                            if (!Topics.matches(filter, topic)) {
                                failures.add(topic + " given for " + filter);
                            }
                            seen.add(message);
                        });
                        for (String topic : stable) {
                            if (Topics.matches(filter, topic) && !seen.contains("stable " + topic)) {
                                failures.add("stable " + topic + " missed for " + filter);
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : writerResults) {
                result.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> result : readerResults) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), new ArrayList<>(failures));
        int[] counted = {0};
        tree.forEach((topic, message) -> counted[0]++);
        assertEquals(counted[0], tree.size());
        for (String topic : churn) {
            tree.remove(topic);
        }
        assertEquals(stable.length, tree.size());
        for (String topic : stable) {
            tree.remove(topic);
        }
        assertEquals(0, tree.nodeCount());
    }
}
