package io.starling.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who may hold the session of a client id. A client id is unique in the whole cluster: before a
 * node creates a session for a client it does not have, it claims the id, and the node holding it
 * hands the session over (see {@code session/owner}). A node on its own owns every id at once.
 */
public interface SessionOwnership {

    /**
     * The answer to a claim.
     *
     * @param refusal  null when granted, else why not
     * @param previous the session that held the id on another node and handed it over, which
     *                 passes on what reaches it until told {@link SessionActor.Settled}; or null
     */
    record ClaimResult(String refusal, ActorRef<SessionActor.Command> previous) {

        public static ClaimResult granted(ActorRef<SessionActor.Command> previous) {
            return new ClaimResult(null, previous);
        }

        public static ClaimResult refused(String reason) {
            return new ClaimResult(reason, null);
        }
    }

    /**
     * Claims {@code clientId} for this node; the previous holder closes its connection and hands the
     * session over first.
     *
     * @param cleanStart the new connection's Clean Start (decides the old connection's will)
     * @param session    the claiming session, to which the previous holder passes what still
     *                   reaches it during the hand-over
     */
    CompletionStage<ClaimResult> claim(String clientId, boolean cleanStart, ActorRef<SessionActor.Command> session);

    /** The session of {@code clientId} ended on this node: the id is free again. */
    void released(String clientId);

    /** A node on its own. */
    SessionOwnership SINGLE_NODE = new SessionOwnership() {
        @Override
        public CompletionStage<ClaimResult> claim(String clientId, boolean cleanStart,
                ActorRef<SessionActor.Command> session) {
            return CompletableFuture.completedFuture(ClaimResult.granted(null));
        }

        @Override
        public void released(String clientId) {
        }
    };
}
