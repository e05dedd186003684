package io.starling.session;

import io.starling.publish.ControlEndpoints;
import io.starling.retain.RetainedMessages;
import io.starling.route.Router;
import io.starling.route.flow.StallWatch;
import io.starling.sys.Metrics;

/**
 * What every session shares: wired once by the node.
 *
 * @param control the broker's {@code $CONTROL} APIs
 * @param durable persistent sessions are recorded in the journal ({@code persistence true})
 * @param stallWatch releases publishers held by subscribers that stopped making progress
 */
public record SessionServices(Router router, RetainedMessages retained, ControlEndpoints control,
        SessionSettings settings, Metrics metrics, boolean durable, StallWatch stallWatch) {
}
