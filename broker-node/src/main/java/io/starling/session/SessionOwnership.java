package io.starling.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Who may hold the session of a client id. A client id is unique in the whole cluster: before a
 * node creates a session for a client it does not have, it claims the id, and the node holding it
 * hands the session over (see {@code session/owner}). A node on its own owns every id at once.
 */
public interface SessionOwnership {

    /**
     * Claims {@code clientId} for this node; the previous holder closes its connection and hands the
     * session over first. Completes with null once granted, or with the reason it was refused.
     *
     * @param cleanStart the new connection's Clean Start (decides the old connection's will)
     */
    CompletionStage<String> claim(String clientId, boolean cleanStart);

    /** The session of {@code clientId} ended on this node: the id is free again. */
    void released(String clientId);

    /** A node on its own. */
    SessionOwnership SINGLE_NODE = new SessionOwnership() {
        @Override
        public CompletionStage<String> claim(String clientId, boolean cleanStart) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void released(String clientId) {
        }
    };
}
