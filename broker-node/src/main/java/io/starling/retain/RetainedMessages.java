package io.starling.retain;

import io.starling.mqtt.Message;
import java.util.function.Consumer;

/**
 * The node's retained messages: one per topic, replaced by the next retained PUBLISH to that topic
 * and cleared by a retained PUBLISH with an empty payload (MQTT 3.3.1.3).
 */
public final class RetainedMessages {

    private final RetainedTree<Message> tree = new RetainedTree<>();

    /** Applies a PUBLISH that had the RETAIN flag set. */
    public void update(Message message) {
        if (message.payload().length == 0) {
            tree.remove(message.topic());
        } else {
            tree.put(message.topic(), message.withRetain(true));
        }
    }

    /** Every unexpired retained message whose topic matches the filter. */
    public void match(String filter, Consumer<Message> consumer) {
        long now = System.currentTimeMillis();
        tree.match(filter, message -> {
            // an expired message stays stored until replaced: removing it here could race with
            // a newer retained PUBLISH to the same topic
            if (!message.isExpired(now)) {
                consumer.accept(message);
            }
        });
    }

    public int size() {
        return tree.size();
    }
}
