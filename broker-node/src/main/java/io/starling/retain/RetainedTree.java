package io.starling.retain;

import io.starling.mqtt.Topics;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Retained messages by topic name, as a tree with one node per topic level, so that a SUBSCRIBE's
 * filter finds its retained messages by walking the matching branches instead of testing every
 * stored topic.
 *
 * <p>Concurrency: reads ({@link #get}, {@link #match}, {@link #forEach}) take no lock; writes take
 * one lock, so creating and pruning nodes never races with another write. Node fields are
 * volatile and children live in a {@code ConcurrentHashMap}; a writer only adds missing nodes and
 * unlinks empty ones, so a message retained for the whole of a read is always seen by it.
 *
 * <p>Walks use explicit stacks rather than recursion: a topic may have tens of thousands of levels.
 *
 * @param <V> the retained message
 */
public final class RetainedTree<V> {

    private final Object writeLock = new Object();
    private final Node<V> root = new Node<>(null, "", "");
    private volatile int size;

    /** One topic level. Fields are written under the write lock only; null while empty. */
    private static final class Node<V> {
        final Node<V> parent;
        final String level;
        /** The topic name that ends at this node. */
        final String topic;
        volatile ConcurrentHashMap<String, Node<V>> children;
        volatile V value;

        Node(Node<V> parent, String level, String topic) {
            this.parent = parent;
            this.level = level;
            this.topic = topic;
        }

        Node<V> child(String level) {
            ConcurrentHashMap<String, Node<V>> map = children;
            return map == null ? null : map.get(level);
        }
    }

    /** A branch still to walk: a node and the start of the filter level to match below it. */
    private record Step<V>(Node<V> node, int filterStart) {
    }

    /**
     * Retains {@code value} for {@code topic}, replacing the message retained there before.
     *
     * @return the message retained before, or null
     * @throws IllegalArgumentException if {@code topic} is not a valid topic name
     */
    public V put(String topic, V value) {
        Objects.requireNonNull(value, "value (use remove to clear a retained message)");
        String error = Topics.topicNameError(topic);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        synchronized (writeLock) {
            Node<V> node = root;
            int start = 0;
            while (true) {
                int end = Topics.levelEnd(topic, start);
                String level = topic.substring(start, end);
                Node<V> child = node.child(level);
                if (child == null) {
                    child = new Node<>(node, level, end == topic.length() ? topic : topic.substring(0, end));
                    ConcurrentHashMap<String, Node<V>> children = node.children;
                    if (children == null) {
                        children = new ConcurrentHashMap<>(2);
                        node.children = children;
                    }
                    children.put(level, child);
                }
                node = child;
                if (end == topic.length()) {
                    break;
                }
                start = end + 1;
            }
            V previous = node.value;
            node.value = value;
            if (previous == null) {
                size = size + 1;
            }
            return previous;
        }
    }

    /**
     * Clears the message retained for {@code topic}; nodes left empty are pruned.
     *
     * @return the message that was retained, or null
     */
    public V remove(String topic) {
        synchronized (writeLock) {
            Node<V> node = find(topic);
            V previous = node == null ? null : node.value;
            if (previous != null) {
                node.value = null;
                size = size - 1;
                prune(node);
            }
            return previous;
        }
    }

    /** The message retained for exactly {@code topic}, or null. */
    public V get(String topic) {
        Node<V> node = find(topic);
        return node == null ? null : node.value;
    }

    /**
     * Gives {@code consumer} every retained message whose topic matches {@code filter}, walking only
     * the branches the filter can match. Topics starting with '$' are not matched by a first-level
     * wildcard (§4.7.2). The order is unspecified.
     *
     * @throws IllegalArgumentException if {@code filter} is not a valid topic filter
     */
    public void match(String filter, Consumer<V> consumer) {
        String error = Topics.filterError(filter);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        ArrayDeque<Step<V>> steps = new ArrayDeque<>();
        steps.push(new Step<>(root, 0));
        while (!steps.isEmpty()) {
            Step<V> step = steps.pop();
            Node<V> node = step.node();
            boolean atRoot = node == root;
            int start = step.filterStart();
            int end = Topics.levelEnd(filter, start);
            boolean lastLevel = end == filter.length();
            if (end - start == 1 && filter.charAt(start) == '#') {
                if (!atRoot) {
                    accept(node, consumer); // "sport/#" matches "sport" too
                }
                acceptDescendants(node, atRoot, consumer);
            } else if (end - start == 1 && filter.charAt(start) == '+') {
                ConcurrentHashMap<String, Node<V>> children = node.children;
                if (children != null) {
                    children.forEach((level, child) -> {
                        if (!(atRoot && isDollarLevel(level))) {
                            matchedLevel(child, lastLevel, end, steps, consumer);
                        }
                    });
                }
            } else {
                Node<V> child = node.child(filter.substring(start, end));
                if (child != null) {
                    matchedLevel(child, lastLevel, end, steps, consumer);
                }
            }
        }
    }

    /** Number of retained messages. */
    public int size() {
        return size;
    }

    /** Gives {@code consumer} every (topic, message); the order is unspecified. */
    public void forEach(BiConsumer<String, V> consumer) {
        ArrayDeque<Node<V>> nodes = new ArrayDeque<>();
        nodes.push(root);
        while (!nodes.isEmpty()) {
            Node<V> node = nodes.pop();
            V value = node.value;
            if (value != null) {
                consumer.accept(node.topic, value);
            }
            pushChildren(node, false, nodes);
        }
    }

    /** Number of nodes below the root: shows that removals prune (for tests). */
    int nodeCount() {
        int count = -1; // not the root
        ArrayDeque<Node<V>> nodes = new ArrayDeque<>();
        nodes.push(root);
        while (!nodes.isEmpty()) {
            count++;
            pushChildren(nodes.pop(), false, nodes);
        }
        return count;
    }

    /** {@code child} matched the filter level ending at {@code end}: take it, or go on below it. */
    private static <V> void matchedLevel(
            Node<V> child, boolean lastLevel, int end, ArrayDeque<Step<V>> steps, Consumer<V> consumer) {
        if (lastLevel) {
            accept(child, consumer);
        } else {
            steps.push(new Step<>(child, end + 1));
        }
    }

    private static <V> void accept(Node<V> node, Consumer<V> consumer) {
        V value = node.value;
        if (value != null) {
            consumer.accept(value);
        }
    }

    /** Every message below {@code top} (not its own); from the root, not the '$' topics. */
    private static <V> void acceptDescendants(Node<V> top, boolean skipDollar, Consumer<V> consumer) {
        ArrayDeque<Node<V>> nodes = new ArrayDeque<>();
        pushChildren(top, skipDollar, nodes);
        while (!nodes.isEmpty()) {
            Node<V> node = nodes.pop();
            accept(node, consumer);
            pushChildren(node, false, nodes);
        }
    }

    private static <V> void pushChildren(Node<V> node, boolean skipDollar, ArrayDeque<Node<V>> nodes) {
        ConcurrentHashMap<String, Node<V>> children = node.children;
        if (children != null) {
            children.forEach((level, child) -> {
                if (!(skipDollar && isDollarLevel(level))) {
                    nodes.push(child);
                }
            });
        }
    }

    private static boolean isDollarLevel(String level) {
        return !level.isEmpty() && level.charAt(0) == '$';
    }

    /** The node of exactly {@code topic}, or null. */
    private Node<V> find(String topic) {
        Node<V> node = root;
        int start = 0;
        while (node != null) {
            int end = Topics.levelEnd(topic, start);
            node = node.child(topic.substring(start, end));
            if (end == topic.length()) {
                return node;
            }
            start = end + 1;
        }
        return null;
    }

    /** Unlinks {@code node} and then each ancestor left without message and children. Under the lock. */
    private void prune(Node<V> node) {
        while (node != root && node.value == null && node.children == null) {
            Node<V> parent = node.parent;
            ConcurrentHashMap<String, Node<V>> siblings = parent.children;
            siblings.remove(node.level);
            if (siblings.isEmpty()) {
                parent.children = null;
            }
            node = parent;
        }
    }
}
