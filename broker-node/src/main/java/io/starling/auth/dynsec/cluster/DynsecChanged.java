package io.starling.auth.dynsec.cluster;

import io.starling.mqtt.JournalSerializable;
import java.util.List;

/**
 * What the cluster's {@link DynsecEntity} records: the dynamic-security state after a change
 * Mosquitto would have saved, whole, as the plugin's JSON file ({@code DynsecFile.format}), and
 * the clients the change disconnects.
 *
 * <p>Stored on disk under this class name: see {@link JournalSerializable}.
 *
 * @param version        1 for the state the cluster started from, then one more per change
 * @param json           the whole state, as Mosquitto's file
 * @param kickUsernames  the usernames whose clients the change disconnects
 * @param kickAnonymous  whether the change disconnects clients without a username
 */
public record DynsecChanged(long version, String json, List<String> kickUsernames, boolean kickAnonymous)
        implements JournalSerializable {

    public DynsecChanged {
        kickUsernames = List.copyOf(kickUsernames);
    }
}
