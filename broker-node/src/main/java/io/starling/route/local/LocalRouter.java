package io.starling.route.local;

import io.starling.mqtt.Message;
import io.starling.mqtt.SubscriptionOptions;
import io.starling.mqtt.TopicFilter;
import io.starling.route.PendingAck;
import io.starling.route.Router;
import io.starling.route.Subscriber;
import io.starling.route.Subscription;
import io.starling.route.flow.Throttle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routes to the subscribers of this node. Publishing threads (session actors) match the tries
 * concurrently without locks; subscription changes are serialised by this object's monitor, which
 * keeps a shared group's creation and removal atomic.
 */
public final class LocalRouter implements Router {

    private final SubscriptionTrie<Subscriber, Subscription> direct = new SubscriptionTrie<>();
    /** Shared subscriptions: the key is the share name, the value the group's members. */
    private final SubscriptionTrie<String, SharedGroup> shared = new SubscriptionTrie<>();
    private final AtomicInteger sharedCount = new AtomicInteger();

    @Override
    public synchronized boolean subscribe(Subscriber subscriber, TopicFilter filter, SubscriptionOptions options) {
        Subscription subscription = new Subscription(filter, options);
        if (!filter.isShared()) {
            return direct.put(filter.filter(), subscriber, subscription) == null;
        }
        SharedGroup group = shared.get(filter.filter(), filter.shareGroup());
        if (group == null) {
            group = new SharedGroup();
            shared.put(filter.filter(), filter.shareGroup(), group);
        }
        boolean added = group.put(subscriber, subscription);
        if (added) {
            sharedCount.incrementAndGet();
        }
        return added;
    }

    @Override
    public synchronized boolean unsubscribe(Subscriber subscriber, TopicFilter filter) {
        if (!filter.isShared()) {
            return direct.remove(filter.filter(), subscriber) != null;
        }
        SharedGroup group = shared.get(filter.filter(), filter.shareGroup());
        if (group == null || !group.remove(subscriber)) {
            return false;
        }
        sharedCount.decrementAndGet();
        if (group.isEmpty()) {
            shared.remove(filter.filter(), filter.shareGroup());
        }
        return true;
    }

    @Override
    public int publish(Message message, PendingAck ack, Throttle publisher) {
        return publish(message, ack, publisher, true, EVERY_GROUP);
    }

    /** Chooses which shared groups of this node take a message (the cluster shares them out). */
    public interface GroupChoice {
        boolean takes(String filter, String group);
    }

    /** Every local shared group takes its message: a node on its own. */
    public static final GroupChoice EVERY_GROUP = (filter, group) -> true;

    /**
     * As {@link #publish(Message, PendingAck, Throttle)}, for the cluster: to the direct subscribers
     * only if {@code direct}, and to one member of each matching shared group that {@code groups} takes.
     */
    public int publish(Message message, PendingAck ack, Throttle publisher, boolean direct, GroupChoice groups) {
        Fanout fanout = new Fanout();
        if (direct) {
            this.direct.match(message.topic(), (filter, subscriber, subscription) -> fanout.add(subscriber, subscription));
        }
        shared.match(message.topic(), (filter, name, group) -> {
            if (groups.takes(filter, name)) {
                group.pick(fanout);
            }
        });
        return fanout.deliver(message, ack, publisher);
    }

    /** Every shared group on this node whose filter matches {@code topic}. */
    public void matchGroups(String topic, GroupVisitor visitor) {
        shared.match(topic, (filter, name, group) -> visitor.visit(filter, name));
    }

    /** Receives the (filter, share name) of matching shared groups. */
    public interface GroupVisitor {
        void visit(String filter, String group);
    }

    @Override
    public int subscriptionCount() {
        return direct.size() + sharedCount.get();
    }

    /** Gathers the matches of one publish per subscriber, so each gets one delivery. */
    static final class Fanout {
        private Subscriber first;
        private Subscription firstSubscription;
        private Map<Subscriber, List<Subscription>> more;

        void add(Subscriber subscriber, Subscription subscription) {
            if (first == null) {
                first = subscriber;
                firstSubscription = subscription;
                return;
            }
            if (more == null) {
                more = new HashMap<>();
                more.computeIfAbsent(first, k -> new ArrayList<>(2)).add(firstSubscription);
            }
            more.computeIfAbsent(subscriber, k -> new ArrayList<>(2)).add(subscription);
        }

        int deliver(Message message, PendingAck ack, Throttle publisher) {
            if (first == null) {
                return 0;
            }
            if (more == null) {
                first.deliver(message, List.of(firstSubscription), ack, publisher);
                return 1;
            }
            more.forEach((subscriber, subscriptions) -> subscriber.deliver(message, subscriptions, ack, publisher));
            return more.size();
        }
    }
}
