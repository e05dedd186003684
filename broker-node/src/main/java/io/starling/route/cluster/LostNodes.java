package io.starling.route.cluster;

/**
 * What happens to a lost node's routes. When a node leaves the cluster (downed, or stopped), its
 * routes stay in every view under {@link #lostName} and messages for it are kept, with their
 * publishers' acknowledgements, until its persistent sessions are back on another node (adopted,
 * see {@code session/owner/SessionAdoption}); then the routes go and the kept messages go to the
 * adopting node. So a message acknowledged meanwhile still reaches those sessions.
 */
public interface LostNodes {

    /** The name a lost node's routes and link are kept under. */
    static String lostName(String node) {
        return node + " (lost)";
    }

    /**
     * The routes of {@code lost} are gone from the view.
     *
     * @param adopter the node its sessions are on now; null if no adoption came in time
     */
    void routesDropped(String lost, String adopter);

    LostNodes NONE = (lost, adopter) -> { };
}
