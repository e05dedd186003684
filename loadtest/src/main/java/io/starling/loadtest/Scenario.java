package io.starling.loadtest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Who publishes to which topic and who subscribes to what. Topics live under a prefix unique to
 * the run (or, for persistent sessions, unique to the scenario), so messages of an earlier run
 * (or of anyone else) never count.
 */
enum Scenario {

    /** Many publishers, each on its own topic, into few subscribers on a wildcard (or shared) filter. */
    FANIN(8, 1, 0) {
        @Override
        String publishTopic(String prefix, int publisherId) {
            return prefix + "/p" + publisherId;
        }

        @Override
        String filter(String prefix, int subscriberIndex) {
            return prefix + "/+";
        }
    },

    /** One publisher on one topic, every subscriber receiving each message. */
    FANOUT(1, 8, 0) {
        @Override
        String publishTopic(String prefix, int publisherId) {
            return prefix + "/all";
        }

        @Override
        String filter(String prefix, int subscriberIndex) {
            return prefix + "/all";
        }
    },

    /** N publisher/subscriber pairs, each pair on a topic of its own: one-to-one traffic. */
    PAIRS(8, 8, 0) {
        @Override
        String publishTopic(String prefix, int publisherId) {
            return prefix + "/pair" + publisherId;
        }

        @Override
        String filter(String prefix, int subscriberIndex) {
            return prefix + "/pair" + subscriberIndex;
        }

        @Override
        boolean hears(int subscriberIndex, int publisherId) {
            return subscriberIndex == publisherId;
        }
    },

    /**
     * Publishers at a fixed total rate ({@code --rate}, 20 000 msg/s unless given) on their own
     * topics into subscribers on a wildcard: end-to-end latency below saturation.
     */
    LATENCY(1, 1, 20_000) {
        @Override
        String publishTopic(String prefix, int publisherId) {
            return prefix + "/p" + publisherId;
        }

        @Override
        String filter(String prefix, int subscriberIndex) {
            return prefix + "/+";
        }
    },

    /** Many idle connections: connects/s and the broker's memory per connection; no messages. */
    CONNECT(0, 0, 0) {
        @Override
        String publishTopic(String prefix, int publisherId) {
            throw new UnsupportedOperationException("the connect scenario publishes nothing");
        }

        @Override
        String filter(String prefix, int subscriberIndex) {
            throw new UnsupportedOperationException("the connect scenario subscribes to nothing");
        }
    };

    /** Group name for {@code $share/GROUP/filter} subscriptions. */
    static final String SHARE_GROUP = "starling-lt";

    private final int defaultPublishers;
    private final int defaultSubscribers;
    private final double defaultRate;

    Scenario(int defaultPublishers, int defaultSubscribers, double defaultRate) {
        this.defaultPublishers = defaultPublishers;
        this.defaultSubscribers = defaultSubscribers;
        this.defaultRate = defaultRate;
    }

    abstract String publishTopic(String prefix, int publisherId);

    /** The filter subscriber number {@code subscriberIndex} (0-based) subscribes to. */
    abstract String filter(String prefix, int subscriberIndex);

    /** Whether that subscriber's filter matches that publisher's topic, i.e. it should get its messages. */
    boolean hears(int subscriberIndex, int publisherId) {
        return true;
    }

    /** What subscribers subscribe to; a shared subscription splits the messages among them. */
    String subscription(String prefix, int subscriberIndex, boolean shared) {
        String filter = filter(prefix, subscriberIndex);
        return shared ? "$share/" + SHARE_GROUP + "/" + filter : filter;
    }

    /** Whether messages flow at all (all but {@link #CONNECT}). */
    boolean carriesMessages() {
        return this != CONNECT;
    }

    int defaultPublishers() {
        return defaultPublishers;
    }

    int defaultSubscribers() {
        return defaultSubscribers;
    }

    /** Total msg/s when {@code --rate} is not given; 0 = as fast as possible. */
    double defaultRate() {
        return defaultRate;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Scenario parse(String s) {
        for (Scenario sc : values()) {
            if (sc.label().equals(s.toLowerCase(Locale.ROOT))) {
                return sc;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + s + "' ("
                + Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", ")) + ")");
    }
}
