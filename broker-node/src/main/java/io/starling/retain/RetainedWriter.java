package io.starling.retain;

import io.starling.route.PendingAck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands retained changes to the {@link RetainedJournal} as a group commit: one batch is being
 * written at a time, and every change that arrives meanwhile waits and goes into the next batch,
 * in arrival order. Under load the journal writes many changes per transaction; when idle a change
 * is written at once. It also keeps the journal's mailbox short (one request at a time), so nothing
 * overflows the stash an event-sourced actor keeps while it writes.
 *
 * <p>A change counts for its publisher's acknowledgement ({@link PendingAck}) until its batch is
 * written. A batch whose write fails or takes longer than {@link #WRITE_TIMEOUT} is sent again: the
 * events set or clear a whole topic, so writing the same batch twice leaves the same state.
 */
final class RetainedWriter {

    private static final Logger log = LoggerFactory.getLogger(RetainedWriter.class);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private record Change(RetainedEvent event, PendingAck ack) {
    }

    private final ActorSystem<?> system;
    private final ActorRef<RetainedJournal.Command> journal;
    private final Object lock = new Object();
    private List<Change> waiting = new ArrayList<>();
    private boolean writing;

    RetainedWriter(ActorSystem<?> system, ActorRef<RetainedJournal.Command> journal) {
        this.system = system;
        this.journal = journal;
    }

    /**
     * Records {@code event} after the changes given before it. Call it in the order the changes
     * were applied; {@code ack} is held (on the caller's thread) until the change is written.
     */
    void write(RetainedEvent event, PendingAck ack) {
        ack.expect();
        Change change = new Change(event, ack);
        synchronized (lock) {
            if (writing) {
                waiting.add(change);
                return;
            }
            writing = true;
        }
        send(List.of(change));
    }

    /** Waits until every change given so far is written, at most {@code timeout}; true if it is. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (writing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    private void send(List<Change> batch) {
        List<RetainedEvent> events = batch.stream().map(Change::event).toList();
        try {
            AskPattern.<RetainedJournal.Command, Done>ask(journal,
                            replyTo -> new RetainedJournal.Record(events, replyTo),
                            WRITE_TIMEOUT, system.scheduler())
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            retry(batch, failure);
                        } else {
                            written(batch);
                        }
                    });
        } catch (IllegalStateException stopped) {
            // the scheduler refuses work once the actor system is shutting down: nothing more to write
            log.debug("Retained changes not recorded, the node is stopping: {}", stopped.toString());
        }
    }

    private void retry(List<Change> batch, Throwable failure) {
        if (system.getWhenTerminated().toCompletableFuture().isDone()) {
            return;
        }
        log.warn("{} retained message changes not yet recorded ({}); trying again.", batch.size(), failure.toString());
        send(batch);
    }

    private void written(List<Change> batch) {
        for (Change change : batch) {
            change.ack().done();
        }
        List<Change> next;
        synchronized (lock) {
            if (waiting.isEmpty()) {
                writing = false;
                lock.notifyAll(); // awaitIdle
                return;
            }
            next = waiting;
            waiting = new ArrayList<>();
        }
        send(next);
    }
}
