package io.starling.deliver;

import java.util.HashMap;
import java.util.Map;

/**
 * Topic aliases the broker assigns towards one MQTT 5 connection (§3.3.2.3.4). The first topics
 * sent get aliases up to the client's Topic Alias Maximum and keep them for the connection's life;
 * later topics are sent in full. Aliases never outlive the network connection.
 */
final class OutboundTopicAliases {

    /** What to put in a PUBLISH: the topic (maybe empty) and the alias (0 = none). */
    record Use(String topic, int alias) {
    }

    private final int maximum;
    private final Map<String, Integer> aliases = new HashMap<>();

    OutboundTopicAliases(int maximum) {
        this.maximum = maximum;
    }

    Use use(String topic) {
        if (maximum == 0) {
            return new Use(topic, 0);
        }
        Integer existing = aliases.get(topic);
        if (existing != null) {
            return new Use("", existing);
        }
        if (aliases.size() < maximum) {
            int alias = aliases.size() + 1;
            aliases.put(topic, alias);
            return new Use(topic, alias);
        }
        return new Use(topic, 0);
    }
}
