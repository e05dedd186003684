package io.starling.session;

import io.starling.deliver.Connection;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * The node's sessions by client id: finds or creates the session actor of a new connection.
 *
 * <p>A session that wants to end (expiry, clean disconnect) must not swallow a connection that is
 * already on its way to it. Each entry counts the {@code Attach} messages sent to its actor; the
 * actor ends only if it has seen all of them, checked atomically with the removal
 * ({@link #end}). Otherwise it stays and handles the Attach.
 */
public final class SessionRegistry {

    /**
     * @param held false while a clustered node's claim for the client id is still running: such a
     *             session is not yet this node's (see {@link #holds})
     */
    private record Entry(ActorRef<SessionActor.Command> session, AtomicInteger attaches, AtomicBoolean held) {
    }

    private final org.apache.pekko.actor.ActorSystem system;
    private final SessionServices services;
    private final ConcurrentHashMap<String, Entry> sessions = new ConcurrentHashMap<>();
    /** Sessions whose journal has events not yet written. */
    private final AtomicInteger busyJournals = new AtomicInteger();

    private final SessionOwnership ownership;

    public SessionRegistry(org.apache.pekko.actor.ActorSystem system, SessionServices services) {
        this(system, services, SessionOwnership.SINGLE_NODE);
    }

    /** @param ownership in a cluster, who may hold which client id */
    public SessionRegistry(org.apache.pekko.actor.ActorSystem system, SessionServices services,
            SessionOwnership ownership) {
        this.system = system;
        this.services = services;
        this.ownership = ownership;
    }

    SessionOwnership ownership() {
        return ownership;
    }

    /** Hands a new connection to its session (taking it over from an older connection) and returns it. */
    public ActorRef<SessionActor.Command> attach(Connection connection, ConnectRequest request) {
        Entry entry = sessions.compute(request.clientId(), (clientId, existing) -> {
            Entry target = existing;
            if (target == null) {
                AtomicInteger attaches = new AtomicInteger();
                // in a cluster, a client id this node does not hold is claimed first
                boolean claimNeeded = ownership != SessionOwnership.SINGLE_NODE;
                target = new Entry(Adapter.spawnAnonymous(system, claimNeeded
                        ? SessionClaim.create(clientId, services, this, attaches)
                        : SessionActor.create(clientId, services, this, attaches)), attaches,
                        new AtomicBoolean(!claimNeeded));
                services.metrics().sessions.incrementAndGet();
            }
            target.attaches().incrementAndGet();
            target.session().tell(new SessionActor.Attach(connection, request));
            return target;
        });
        return entry.session();
    }

    /**
     * Brings back a persistent session read from its journal (at node start, before clients
     * connect, or adopted in a cluster); {@code journal} is the journal actor that read it and goes
     * on recording it. False, and nothing changed, if the client has a session here already.
     */
    boolean restore(String clientId, ActorRef<SessionJournal.Command> journal, SessionSnapshot recorded) {
        boolean[] restored = {false};
        sessions.computeIfAbsent(clientId, id -> {
            restored[0] = true;
            AtomicInteger attaches = new AtomicInteger();
            services.metrics().sessions.incrementAndGet();
            return new Entry(Adapter.spawnAnonymous(system,
                    SessionActor.restored(id, services, this, attaches, journal, recorded)), attaches,
                    new AtomicBoolean(true));
        });
        return restored[0];
    }

    /** Removes the session if no connection is on its way to it; see the class comment. */
    boolean end(String clientId, AtomicInteger attaches, int attachesSeen) {
        boolean[] ended = {false};
        sessions.computeIfPresent(clientId, (id, entry) -> {
            if (entry.attaches() == attaches && attaches.get() == attachesSeen) {
                ended[0] = true;
                return null;
            }
            return entry;
        });
        if (ended[0]) {
            services.metrics().sessions.decrementAndGet();
            ownership.released(clientId);
        }
        return ended[0];
    }

    /** Whether this node has a session for {@code clientId}, held or still being claimed. */
    public boolean contains(String clientId) {
        return sessions.containsKey(clientId);
    }

    /**
     * Whether this node holds the session of {@code clientId}: one being claimed does not count
     * (the cluster's owner record will hear the claim itself).
     */
    public boolean holds(String clientId) {
        Entry entry = sessions.get(clientId);
        return entry != null && entry.held().get();
    }

    /** The claim of the session that counts {@code attaches} was granted. */
    void claimGranted(String clientId, AtomicInteger attaches) {
        Entry entry = sessions.get(clientId);
        if (entry != null && entry.attaches() == attaches) {
            entry.held().set(true);
        }
    }

    /**
     * Another node takes the session of {@code clientId} over: the session closes its connection,
     * writes what it has not yet written, then {@code done} gets it (on any thread); it passes what
     * still reaches it to {@code claimant} until that has its routes (see {@link SessionActor}).
     * {@code done} gets null at once when this node has no such session.
     *
     * @param cleanStart the new connection's Clean Start (decides the old connection's will)
     * @param claimant   the session on the other node
     */
    public void handOver(String clientId, boolean cleanStart, ActorRef<SessionActor.Command> claimant,
            Consumer<ActorRef<SessionActor.Command>> done) {
        Entry entry = sessions.remove(clientId);
        if (entry == null) {
            done.accept(null);
            return;
        }
        services.metrics().sessions.decrementAndGet();
        entry.session().tell(new SessionActor.HandOver(cleanStart, claimant, () -> done.accept(entry.session())));
    }

    AtomicInteger busyJournals() {
        return busyJournals;
    }

    /**
     * For a clean stop, after every connection was closed: waits, at most {@code timeout}, until
     * every session has handled the end of its connection (its will published, its last events
     * handed to its journal: a session counts itself disconnected only after that) and every
     * journal has written what it was given. True if all that happened in time.
     */
    public boolean awaitSessionsSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (services.metrics().clientsConnected.get() > 0 || busyJournals.get() > 0) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(10);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int size() {
        return sessions.size();
    }
}
