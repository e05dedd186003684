package io.starling.auth.dynsec.cluster;

import io.starling.auth.SecurityFileException;
import io.starling.auth.dynsec.DynsecFile;
import io.starling.auth.dynsec.DynsecState;
import io.starling.auth.dynsec.Kicks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link DynsecEntity}'s state: the cluster's dynamic security at {@code version} (0: nothing
 * recorded yet), and the kicks of the last changes, so that a node that missed some changes
 * still disconnects the clients they concern when it catches up.
 */
record SharedState(long version, String json, DynsecState state, List<DynsecChanged> recent) {

    /** How many recent changes' kicks are kept (in memory only: a restart forgets them). */
    static final int RECENT = 64;
    /** Names the journal in parse errors, which only a corrupt journal can cause. */
    private static final Path SOURCE = Path.of("dynamic-security journal");

    static final SharedState NOTHING_RECORDED = new SharedState(0, null, null, List.of());

    SharedState {
        recent = List.copyOf(recent);
    }

    static SharedState of(DynsecSnapshot snapshot) {
        return new SharedState(snapshot.version(), snapshot.json(), parse(snapshot.json()), List.of());
    }

    boolean recorded() {
        return version > 0;
    }

    SharedState apply(DynsecChanged change) {
        List<DynsecChanged> kept = new ArrayList<>(recent);
        kept.add(new DynsecChanged(change.version(), "", change.kickUsernames(), change.kickAnonymous()));
        if (kept.size() > RECENT) {
            kept.remove(0);
        }
        return new SharedState(change.version(), change.json(), parse(change.json()), kept);
    }

    DynsecSnapshot snapshot() {
        return new DynsecSnapshot(version, json);
    }

    /**
     * The clients to disconnect on a node that has applied up to {@code known}: those of every
     * change after it that is still remembered (a node that fell further behind misses the older ones).
     */
    Kicks kicksSince(long known) {
        Set<String> usernames = new HashSet<>();
        boolean anonymous = false;
        for (DynsecChanged change : recent) {
            if (change.version() > known) {
                usernames.addAll(change.kickUsernames());
                anonymous |= change.kickAnonymous();
            }
        }
        return new Kicks(usernames, anonymous);
    }

    private static DynsecState parse(String json) {
        try {
            return DynsecFile.parse(json, SOURCE);
        } catch (SecurityFileException e) {
            throw new IllegalStateException("unreadable dynamic-security state in the journal: " + e.getMessage(), e);
        }
    }
}
