package io.starling.route.local;

/**
 * Receives the subscriptions that match a topic, one call per matching (filter, subscriber) pair.
 * A subscriber whose filters overlap is called once per filter; merging them (MQTT 5: one delivery
 * carrying every subscription identifier) is the caller's job.
 */
@FunctionalInterface
public interface MatchVisitor<K, V> {

    void visit(String filter, K key, V value);
}
