package io.starling.route.local;

import io.starling.route.Subscriber;
import io.starling.route.Subscription;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The members of one shared subscription ({@code $share/name/filter}). Each message goes to one
 * member, in turn. Members are an immutable array replaced on change (changes are rare and
 * serialised by the router), so picking needs no lock.
 */
final class SharedGroup {

    private record Member(Subscriber subscriber, Subscription subscription) {
    }

    private volatile Member[] members = new Member[0];
    private final AtomicInteger next = new AtomicInteger();

    /** Returns true if the subscriber was not a member yet. */
    boolean put(Subscriber subscriber, Subscription subscription) {
        Member[] current = members;
        for (int i = 0; i < current.length; i++) {
            if (current[i].subscriber().equals(subscriber)) {
                Member[] copy = current.clone();
                copy[i] = new Member(subscriber, subscription);
                members = copy;
                return false;
            }
        }
        Member[] copy = Arrays.copyOf(current, current.length + 1);
        copy[current.length] = new Member(subscriber, subscription);
        members = copy;
        return true;
    }

    boolean remove(Subscriber subscriber) {
        Member[] current = members;
        for (int i = 0; i < current.length; i++) {
            if (current[i].subscriber().equals(subscriber)) {
                Member[] copy = new Member[current.length - 1];
                System.arraycopy(current, 0, copy, 0, i);
                System.arraycopy(current, i + 1, copy, i, current.length - i - 1);
                members = copy;
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return members.length == 0;
    }

    void pick(LocalRouter.Fanout fanout) {
        Member[] current = members;
        if (current.length == 0) {
            return;
        }
        Member chosen = current[Math.floorMod(next.getAndIncrement(), current.length)];
        fanout.add(chosen.subscriber(), chosen.subscription());
    }
}
