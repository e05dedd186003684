package io.starling.route.local;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One level of a {@link SubscriptionTrie}. Fields are written only under the trie's write lock and
 * read by matchers without a lock, hence volatile; a field is null while it would be empty, so the
 * many leaf nodes of a large trie stay small.
 */
final class TrieNode<K, V> {

    /** Null for the root. */
    final TrieNode<K, V> parent;
    /** This node's level name in its parent ("+", "#" or a literal; "" for the root). */
    final String level;
    /** The filter that ends at this node, given to visitors as is. */
    final String filter;

    volatile LevelTable<TrieNode<K, V>> literalChildren;
    volatile TrieNode<K, V> plusChild;
    volatile TrieNode<K, V> hashChild;
    volatile ConcurrentHashMap<K, V> subscribers;

    TrieNode(TrieNode<K, V> parent, String level, String filter) {
        this.parent = parent;
        this.level = level;
        this.filter = filter;
    }

    /** True when nothing is subscribed here or below, so the node may be pruned. */
    boolean isEmpty() {
        return subscribers == null && literalChildren == null && plusChild == null && hashChild == null;
    }

    /** Calls the visitor for every subscriber of exactly this node's filter. */
    void visitSubscribers(MatchVisitor<K, V> visitor) {
        ConcurrentHashMap<K, V> subs = subscribers;
        if (subs != null) {
            subs.forEach((key, value) -> visitor.visit(filter, key, value));
        }
    }
}
