package io.starling.session;

import io.starling.retain.RetainedMessages;
import io.starling.route.Router;
import io.starling.sys.Metrics;

/** What every session shares: wired once by the node. */
public record SessionServices(Router router, RetainedMessages retained, SessionSettings settings, Metrics metrics) {
}
