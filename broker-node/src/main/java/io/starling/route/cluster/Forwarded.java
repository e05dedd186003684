package io.starling.route.cluster;

import io.starling.mqtt.Message;
import java.util.List;

/**
 * A message on its way to another node, which hands it to its own subscribers.
 *
 * @param direct   the node's direct (non-shared) subscribers get it
 * @param groups   the node's shared groups that were chosen for it, as {@code $share/group/filter}
 * @param recorded the publisher's acknowledgement waits until the node has recorded it
 */
public record Forwarded(Message message, boolean direct, List<String> groups, boolean recorded)
        implements ClusterMessage {
}
