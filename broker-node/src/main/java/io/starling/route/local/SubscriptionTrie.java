package io.starling.route.local;

import io.starling.mqtt.Topics;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topic filters subscribed on this node and who subscribed them: given a topic name, finds
 * every (filter, subscriber) pair whose filter matches it. One node per filter level; {@code +} and
 * {@code #} children sit in their own fields next to the table of literal children.
 *
 * <p>Concurrency design: every PUBLISH calls {@link #match} from many session actors at once, while
 * SUBSCRIBE and UNSUBSCRIBE change the trie far less often. So:
 * <ul>
 *   <li>Writes ({@link #put}, {@link #remove}) take one lock, which makes each write the only one and
 *       lets it create and prune nodes without races between writers.</li>
 *   <li>Reads take no lock. Node fields are volatile; literal children live in a {@link LevelTable}
 *       and subscribers in a {@code ConcurrentHashMap}, both safe to read during a write.</li>
 *   <li>A writer never replaces a node that is in use: it only adds missing nodes and unlinks empty
 *       ones. An entry present for the whole of a {@code match} keeps every node on its path
 *       non-empty, so the match always finds it; entries added or removed meanwhile may or may
 *       not be seen.</li>
 * </ul>
 *
 * <p>Matching walks the topic by index and looks up each level as a region of the topic string,
 * so it creates no substrings; it uses an explicit stack instead of recursion, so a filter with
 * thousands of levels cannot overflow the thread's stack.
 *
 * @param <K> identifies a subscriber, for example a session id
 * @param <V> the subscription's data, for example its options
 */
public final class SubscriptionTrie<K, V> {

    private final Object writeLock = new Object();
    private final TrieNode<K, V> root = new TrieNode<>(null, "", "");
    private volatile int size;

    /**
     * Subscribes {@code key} to {@code filter}, replacing the data of the same (filter, key).
     *
     * @return the previous data of this (filter, key), or null
     * @throws IllegalArgumentException if {@code filter} is not a valid topic filter
     */
    public V put(String filter, K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String error = Topics.filterError(filter);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        synchronized (writeLock) {
            TrieNode<K, V> node = root;
            int start = 0;
            while (true) {
                int end = Topics.levelEnd(filter, start);
                node = childForWrite(node, filter, start, end);
                if (end == filter.length()) {
                    break;
                }
                start = end + 1;
            }
            ConcurrentHashMap<K, V> subscribers = node.subscribers;
            if (subscribers == null) {
                subscribers = new ConcurrentHashMap<>(2);
                node.subscribers = subscribers;
            }
            V previous = subscribers.put(key, value);
            if (previous == null) {
                size = size + 1;
            }
            return previous;
        }
    }

    /** The data of (filter, key), or null when that subscription does not exist. */
    public V get(String filter, K key) {
        synchronized (writeLock) {
            TrieNode<K, V> node = find(filter);
            ConcurrentHashMap<K, V> subscribers = node == null ? null : node.subscribers;
            return subscribers == null ? null : subscribers.get(key);
        }
    }

    /**
     * Unsubscribes {@code key} from {@code filter}; nodes left empty are pruned.
     *
     * @return the data of the removed subscription, or null if there was none
     */
    public V remove(String filter, K key) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(key, "key");
        synchronized (writeLock) {
            TrieNode<K, V> node = find(filter);
            ConcurrentHashMap<K, V> subscribers = node == null ? null : node.subscribers;
            if (subscribers == null) {
                return null;
            }
            V previous = subscribers.remove(key);
            if (previous != null) {
                size = size - 1;
                if (subscribers.isEmpty()) {
                    node.subscribers = null;
                    prune(node);
                }
            }
            return previous;
        }
    }

    /**
     * Calls {@code visitor} for every (filter, subscriber) whose filter matches {@code topicName}, a
     * valid topic name. Lock-free; runs safely during writes (see the class comment).
     */
    @SuppressWarnings("unchecked")
    public void match(String topicName, MatchVisitor<K, V> visitor) {
        int topicLength = topicName.length();
        // §4.7.2: "+" and "#" at the first level never match a topic starting with '$'
        boolean dollarTopic = topicLength > 0 && topicName.charAt(0) == '$';
        // Pending "+" branches: a node and the start of the topic level to match below it.
        // Allocated only when a topic actually meets a "+" with levels still to match.
        TrieNode<K, V>[] pendingNodes = null;
        int[] pendingStarts = null;
        int pending = 0;

        TrieNode<K, V> node = root;
        int start = 0;
        while (true) {
            int end = Topics.levelEnd(topicName, start);
            boolean lastLevel = end == topicLength;
            TrieNode<K, V> next = null;
            if (!(dollarTopic && node == root)) {
                TrieNode<K, V> hash = node.hashChild;
                if (hash != null) {
                    hash.visitSubscribers(visitor);
                }
                TrieNode<K, V> plus = node.plusChild;
                if (plus != null) {
                    if (lastLevel) {
                        visitLevelMatch(plus, visitor);
                    } else {
                        next = plus;
                    }
                }
            }
            LevelTable<TrieNode<K, V>> literals = node.literalChildren;
            TrieNode<K, V> literal = literals == null ? null : literals.get(topicName, start, end);
            if (literal != null) {
                if (lastLevel) {
                    visitLevelMatch(literal, visitor);
                } else if (next == null) {
                    next = literal;
                } else {
                    if (pendingNodes == null) {
                        pendingNodes = new TrieNode[8];
                        pendingStarts = new int[8];
                    } else if (pending == pendingNodes.length) {
                        pendingNodes = Arrays.copyOf(pendingNodes, pending * 2);
                        pendingStarts = Arrays.copyOf(pendingStarts, pending * 2);
                    }
                    pendingNodes[pending] = literal;
                    pendingStarts[pending] = end + 1;
                    pending++;
                }
            }
            if (next != null) {
                node = next;
                start = end + 1;
            } else if (pending > 0) {
                pending--;
                node = pendingNodes[pending];
                start = pendingStarts[pending];
                pendingNodes[pending] = null;
            } else {
                return;
            }
        }
    }

    /** Number of (filter, subscriber) entries. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Number of nodes below the root: shows that removals prune (for tests). */
    int nodeCount() {
        int count = 0;
        ArrayDeque<TrieNode<K, V>> nodes = new ArrayDeque<>();
        nodes.push(root);
        while (!nodes.isEmpty()) {
            TrieNode<K, V> node = nodes.pop();
            if (node != root) {
                count++;
            }
            LevelTable<TrieNode<K, V>> literals = node.literalChildren;
            if (literals != null) {
                literals.forEachValue(nodes::push);
            }
            if (node.plusChild != null) {
                nodes.push(node.plusChild);
            }
            if (node.hashChild != null) {
                nodes.push(node.hashChild);
            }
        }
        return count;
    }

    /** The topic's last level matched {@code node}: its filter matches, and so does "{its filter}/#". */
    private static <K, V> void visitLevelMatch(TrieNode<K, V> node, MatchVisitor<K, V> visitor) {
        node.visitSubscribers(visitor);
        TrieNode<K, V> hash = node.hashChild;
        if (hash != null) {
            hash.visitSubscribers(visitor);
        }
    }

    /** The child of {@code parent} for the level {@code filter[start, end)}, created if missing. Under the lock. */
    private static <K, V> TrieNode<K, V> childForWrite(TrieNode<K, V> parent, String filter, int start, int end) {
        if (end - start == 1 && filter.charAt(start) == '+') {
            TrieNode<K, V> child = parent.plusChild;
            if (child == null) {
                child = new TrieNode<>(parent, "+", filterUpTo(filter, end));
                parent.plusChild = child;
            }
            return child;
        }
        if (end - start == 1 && filter.charAt(start) == '#') {
            TrieNode<K, V> child = parent.hashChild;
            if (child == null) {
                child = new TrieNode<>(parent, "#", filterUpTo(filter, end));
                parent.hashChild = child;
            }
            return child;
        }
        LevelTable<TrieNode<K, V>> literals = parent.literalChildren;
        TrieNode<K, V> child = literals == null ? null : literals.get(filter, start, end);
        if (child == null) {
            String level = filter.substring(start, end);
            child = new TrieNode<>(parent, level, filterUpTo(filter, end));
            if (literals == null) {
                literals = new LevelTable<>();
                literals.putNew(level, child);
                parent.literalChildren = literals; // published after it holds the child
            } else {
                literals.putNew(level, child);
            }
        }
        return child;
    }

    /** The filter's levels up to {@code end}; the filter itself (not a copy) for its last level. */
    private static String filterUpTo(String filter, int end) {
        return end == filter.length() ? filter : filter.substring(0, end);
    }

    /** The node of exactly {@code filter}, or null. */
    private TrieNode<K, V> find(String filter) {
        TrieNode<K, V> node = root;
        int start = 0;
        while (node != null) {
            int end = Topics.levelEnd(filter, start);
            node = child(node, filter, start, end);
            if (end == filter.length()) {
                return node;
            }
            start = end + 1;
        }
        return null;
    }

    private static <K, V> TrieNode<K, V> child(TrieNode<K, V> parent, String filter, int start, int end) {
        if (end - start == 1 && filter.charAt(start) == '+') {
            return parent.plusChild;
        }
        if (end - start == 1 && filter.charAt(start) == '#') {
            return parent.hashChild;
        }
        LevelTable<TrieNode<K, V>> literals = parent.literalChildren;
        return literals == null ? null : literals.get(filter, start, end);
    }

    /** Unlinks {@code node} and then each ancestor that is left empty. Under the lock. */
    private void prune(TrieNode<K, V> node) {
        while (node != root && node.isEmpty()) {
            TrieNode<K, V> parent = node.parent;
            if (parent.plusChild == node) {
                parent.plusChild = null;
            } else if (parent.hashChild == node) {
                parent.hashChild = null;
            } else {
                LevelTable<TrieNode<K, V>> literals = parent.literalChildren;
                literals.remove(node.level);
                if (literals.isEmpty()) {
                    parent.literalChildren = null;
                }
            }
            node = parent;
        }
    }
}
