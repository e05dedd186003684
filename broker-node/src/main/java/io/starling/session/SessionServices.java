package io.starling.session;

import io.starling.retain.RetainedMessages;
import io.starling.route.Router;
import io.starling.sys.Metrics;

/**
 * What every session shares: wired once by the node.
 *
 * @param durable persistent sessions are recorded in the journal ({@code persistence true})
 */
public record SessionServices(Router router, RetainedMessages retained, SessionSettings settings, Metrics metrics,
        boolean durable) {

    /** Sessions in memory only. */
    public SessionServices(Router router, RetainedMessages retained, SessionSettings settings, Metrics metrics) {
        this(router, retained, settings, metrics, false);
    }
}
