package io.starling.loadtest;

import java.util.Locale;

/**
 * Who publishes to which topic and who subscribes to what. Topics live under a prefix unique to
 * the run, so messages of an earlier run (or of anyone else) never count.
 */
enum Scenario {

    /** Many publishers, each on its own topic, into few subscribers on a wildcard (or shared) filter. */
    FANIN(8, 1) {
        @Override
        String publishTopic(String prefix, int publisherId) {
            return prefix + "/p" + publisherId;
        }

        @Override
        String filter(String prefix) {
            return prefix + "/+";
        }
    },

    /** One publisher on one topic, every subscriber receiving each message. */
    FANOUT(1, 8) {
        @Override
        String publishTopic(String prefix, int publisherId) {
            return prefix + "/all";
        }

        @Override
        String filter(String prefix) {
            return prefix + "/all";
        }
    };

    /** Group name for {@code $share/GROUP/filter} subscriptions. */
    static final String SHARE_GROUP = "starling-lt";

    private final int defaultPublishers;
    private final int defaultSubscribers;

    Scenario(int defaultPublishers, int defaultSubscribers) {
        this.defaultPublishers = defaultPublishers;
        this.defaultSubscribers = defaultSubscribers;
    }

    abstract String publishTopic(String prefix, int publisherId);

    abstract String filter(String prefix);

    /** What subscribers subscribe to; a shared subscription splits the messages among them. */
    String subscription(String prefix, boolean shared) {
        return shared ? "$share/" + SHARE_GROUP + "/" + filter(prefix) : filter(prefix);
    }

    int defaultPublishers() {
        return defaultPublishers;
    }

    int defaultSubscribers() {
        return defaultSubscribers;
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
        throw new IllegalArgumentException("unknown scenario '" + s + "' (fanin, fanout)");
    }
}
