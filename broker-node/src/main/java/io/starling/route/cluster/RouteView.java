package io.starling.route.cluster;

import io.starling.mqtt.TopicFilter;
import io.starling.route.local.SubscriptionTrie;
import java.util.function.Consumer;

/**
 * This node's read view of the other nodes' routes: which nodes have subscribers to which filters.
 * Publishing threads match it without locks while the {@link RouteReplicator} (its only writer)
 * applies the changes the other nodes send (see {@link SubscriptionTrie} for the concurrency).
 */
public final class RouteView {

    /** A shared subscription group held on a node. */
    record SharedRoute(String group, String node) {
    }

    /** Direct subscriptions: the key is the node, the value its route's filter text. */
    private final SubscriptionTrie<String, Boolean> direct = new SubscriptionTrie<>();
    private final SubscriptionTrie<SharedRoute, Boolean> shared = new SubscriptionTrie<>();

    void add(String node, String filterText) {
        TopicFilter filter = TopicFilter.parse(filterText);
        if (filter.isShared()) {
            shared.put(filter.filter(), new SharedRoute(filter.shareGroup(), node), Boolean.TRUE);
        } else {
            direct.put(filter.filter(), node, Boolean.TRUE);
        }
    }

    void remove(String node, String filterText) {
        TopicFilter filter = TopicFilter.parse(filterText);
        if (filter.isShared()) {
            shared.remove(filter.filter(), new SharedRoute(filter.shareGroup(), node));
        } else {
            direct.remove(filter.filter(), node);
        }
    }

    /** Every node with a direct subscription matching {@code topic}; a node may come more than once. */
    public void matchNodes(String topic, Consumer<String> node) {
        direct.match(topic, (filter, key, value) -> node.accept(key));
    }

    /** Every (filter, group) on another node matching {@code topic}, with the node holding it. */
    public void matchShared(String topic, SharedVisitor visitor) {
        shared.match(topic, (filter, key, value) -> visitor.visit(filter, key.group(), key.node()));
    }

    /** Receives the shared groups that match a topic. */
    public interface SharedVisitor {
        void visit(String filter, String group, String node);
    }

    public boolean isEmpty() {
        return direct.isEmpty() && shared.isEmpty();
    }

    /** Routes held by other nodes: one per (filter, node), and per (group, filter, node). */
    public int size() {
        return direct.size() + shared.size();
    }

    /** For tests and $SYS: whether {@code node} has a route for {@code filterText}. */
    public boolean contains(String node, String filterText) {
        TopicFilter filter = TopicFilter.parse(filterText);
        return filter.isShared()
                ? shared.get(filter.filter(), new SharedRoute(filter.shareGroup(), node)) != null
                : direct.get(filter.filter(), node) != null;
    }
}
