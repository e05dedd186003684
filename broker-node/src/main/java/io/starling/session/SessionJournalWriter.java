package io.starling.session;

import io.starling.deliver.Outgoing;
import io.starling.deliver.OutboxRecorder;
import io.starling.publish.Qos2Recorder;
import io.starling.route.PendingAck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Hands one session's events to its {@link SessionJournal} as a group commit: one batch is being
 * written at a time, and every event that arrives meanwhile waits for the next batch, in order.
 * The JDBC journal in turn writes the batches of many sessions in one transaction (see
 * {@code storage-jdbc.conf}), so under load a commit carries many messages of many sessions, and an
 * idle session's event is written at once.
 *
 * <p>A publisher's acknowledgement ({@link PendingAck}) held for a message this session queued is
 * released when the batch holding the message is written.
 *
 * <p>Owned by the session actor: runs on its thread only. The batch is sent after the actor has
 * handled what is already in its mailbox (a {@link SessionActor.FlushJournal} to itself), which
 * groups a burst of deliveries into one write without any timer.
 */
final class SessionJournalWriter implements OutboxRecorder, Qos2Recorder {

    /** A write that takes longer is sent again (the journal restarts after a failed write). */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);

    record Batch(List<SessionEvent> events, List<PendingAck> acks) {
    }

    private final ActorContext<SessionActor.Command> context;
    private final ActorRef<SessionJournal.Command> journal;
    /** Node-wide count of writers with events not yet written, for a clean stop. */
    private final AtomicInteger busyWriters;
    private List<SessionEvent> pending = new ArrayList<>();
    private List<PendingAck> pendingAcks = new ArrayList<>();
    private Batch writing;
    private boolean flushScheduled;
    private List<PendingAck> handedOverAcks = List.of();

    SessionJournalWriter(ActorContext<SessionActor.Command> context, ActorRef<SessionJournal.Command> journal,
            AtomicInteger busyWriters) {
        this.context = context;
        this.journal = journal;
        this.busyWriters = busyWriters;
    }

    private boolean idle() {
        return writing == null && pending.isEmpty();
    }

    void record(SessionEvent event) {
        if (idle()) {
            busyWriters.incrementAndGet();
        }
        pending.add(event);
        if (writing == null && !flushScheduled) {
            flushScheduled = true;
            context.getSelf().tell(new SessionActor.FlushJournal());
        }
    }

    /** Events recorded and not yet handed to the journal; to see whether a call recorded anything. */
    int pendingCount() {
        return pending.size();
    }

    /** {@code ack} (already expected) is released once the events recorded so far are written. */
    void hold(PendingAck ack) {
        pendingAcks.add(ack);
    }

    /** Sends what is pending, unless a batch is still being written (then its reply sends it). */
    void flush() {
        flushScheduled = false;
        if (writing != null || pending.isEmpty()) {
            return;
        }
        writing = new Batch(pending, pendingAcks);
        pending = new ArrayList<>();
        pendingAcks = new ArrayList<>();
        send(writing);
    }

    /** The journal answered for {@code batch}. */
    void written(Batch batch, Throwable failure) {
        if (batch != writing) {
            return; // a late answer from before the session ended
        }
        if (failure != null) {
            context.getLog().warn("Session events not yet recorded ({}); trying again.", failure.toString());
            send(batch);
            return;
        }
        batch.acks().forEach(PendingAck::done);
        writing = null;
        if (pending.isEmpty()) {
            busyWriters.decrementAndGet();
        }
        flush();
    }

    /**
     * The session ends: records {@link SessionEnded} after everything pending and stops the
     * journal once that is written. Held acknowledgements go out now: the messages they wait for
     * are gone with the session.
     */
    void end(long nowMillis) {
        if (!idle()) {
            busyWriters.decrementAndGet();
        }
        List<SessionEvent> last = new ArrayList<>(pending);
        last.add(new SessionEnded(nowMillis));
        journal.tell(new SessionJournal.Record(last, context.getSystem().ignoreRef()));
        journal.tell(new SessionJournal.Stop());
        if (writing != null) {
            writing.acks().forEach(PendingAck::done);
            writing = null;
        }
        pendingAcks.forEach(PendingAck::done);
        pending = new ArrayList<>();
        pendingAcks = new ArrayList<>();
    }

    /**
     * The session moves to another node: what is pending is written, then the journal stops, so
     * that the other node reads everything and becomes the only writer. {@code written} is told
     * once the last write is done. Held acknowledgements go out then.
     */
    void handOver(ActorRef<Done> written) {
        if (!idle()) {
            busyWriters.decrementAndGet();
        }
        List<PendingAck> acks = new ArrayList<>(pendingAcks);
        if (writing != null) {
            acks.addAll(writing.acks());
            writing = null;
        }
        journal.tell(new SessionJournal.Record(new ArrayList<>(pending), written));
        journal.tell(new SessionJournal.Stop());
        pending = new ArrayList<>();
        pendingAcks = new ArrayList<>();
        handedOverAcks = acks;
    }

    /** The acknowledgements held by a hand-over until its last write is done. */
    List<PendingAck> handedOverAcks() {
        return handedOverAcks;
    }

    private void send(Batch batch) {
        context.ask(Done.class, journal, WRITE_TIMEOUT,
                replyTo -> new SessionJournal.Record(batch.events(), replyTo),
                (done, failure) -> new SessionActor.JournalWritten(batch, failure));
    }

    @Override
    public void queued(Outgoing outgoing) {
        record(MessageQueued.of(outgoing));
    }

    @Override
    public void sent(int packetId) {
        record(new MessageSent(packetId));
    }

    @Override
    public void discarded() {
        record(new MessageDiscarded(1));
    }

    @Override
    public void acknowledged(int packetId) {
        record(new MessageAcknowledged(packetId));
    }

    @Override
    public void pubrecReceived(int packetId) {
        record(new PubrecReceived(packetId));
    }

    @Override
    public void received(int packetId, PendingAck ack) {
        record(new Qos2PublishReceived(packetId));
        ack.expect(); // the PUBREC waits until the handshake is recorded
        hold(ack);
    }

    @Override
    public void released(int packetId) {
        record(new Qos2PublishReleased(packetId));
    }
}
