package io.starling.retain;

import io.starling.mqtt.Message;
import io.starling.route.PendingAck;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/**
 * The node's retained messages: one per topic, replaced by the next retained PUBLISH to that topic
 * and cleared by a retained PUBLISH with an empty payload (MQTT 3.3.1.3).
 *
 * <p>Reads come from an in-memory tree that every change updates at once, so a subscriber sees a
 * change as soon as it is made. With {@code persistence true} ({@link #durable}) each change is
 * also recorded by the {@link RetainedJournal}, and the publisher's acknowledgement waits for that.
 * {@code $SYS} topics are never recorded: the node publishes them afresh (as Mosquitto does).
 */
public final class RetainedMessages {

    private final RetainedTree<Message> tree = new RetainedTree<>();
    /** Null when the messages live in memory only, or in a cluster. */
    private final RetainedWriter writer;
    /** In a cluster: this node's copy of the partitions; null otherwise. */
    private ActorRef<RetainedReplica.Command> replica;

    /** Retained messages in memory only, as {@link #inMemory()}. */
    public RetainedMessages() {
        this(null);
    }

    private RetainedMessages(RetainedWriter writer) {
        this.writer = writer;
    }

    /** Retained messages in memory only ({@code persistence false}): lost when the node stops. */
    public static RetainedMessages inMemory() {
        return new RetainedMessages();
    }

    /**
     * Retained messages recorded by a {@link RetainedJournal} started in {@code system}. Blocks
     * until the journal is read back into memory, so call it before clients can connect.
     *
     * @throws IllegalStateException if the journal cannot be read within {@code recoveryTimeout}
     */
    public static RetainedMessages durable(
            ActorSystem<?> system, RetainedJournal.Autosave autosave, Duration recoveryTimeout) {
        ActorRef<RetainedJournal.Command> journal =
                system.systemActorOf(RetainedJournal.create(autosave), "retained-journal", Props.empty());
        RetainedJournal.Retained recorded;
        try {
            recorded = AskPattern.<RetainedJournal.Command, RetainedJournal.Retained>ask(
                            journal, RetainedJournal.GetRetained::new, recoveryTimeout, system.scheduler())
                    .toCompletableFuture()
                    .get(recoveryTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the retained messages", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot read the retained messages from the journal: " + cause, cause);
        }
        RetainedMessages retained = new RetainedMessages(new RetainedWriter(system, journal));
        long now = System.currentTimeMillis();
        for (StoredMessage stored : recorded.messages()) {
            if (!stored.expiredAt(now)) {
                retained.tree.put(stored.topic(), stored.toMessage());
            }
        }
        return retained;
    }

    /**
     * A cluster's retained messages: recorded by sharded {@link RetainedPartition}s in the shared
     * journal, copied to this node by a {@link RetainedReplica}. Blocks until every partition has
     * been read, so call it before clients can connect.
     *
     * @param self this node's name ("host:port")
     * @throws IllegalStateException if the partitions cannot be read within {@code timeout}
     */
    public static RetainedMessages replicated(ActorSystem<?> system, ClusterSharding sharding, String self,
            Duration timeout) {
        sharding.init(Entity.of(RetainedPartition.KEY,
                entity -> RetainedPartition.create(Integer.parseInt(entity.getEntityId()))));
        RetainedMessages retained = new RetainedMessages(null);
        retained.replica = system.systemActorOf(RetainedReplica.create(retained, sharding, self),
                RetainedReplica.NAME, Props.empty());
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        retained.replica.tell(new RetainedReplica.Load(loaded));
        try {
            loaded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the retained messages", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the cluster's retained messages within " + timeout, e);
        }
        return retained;
    }

    /** Applies a PUBLISH that had the RETAIN flag set, with no acknowledgement to hold. */
    public void update(Message message) {
        update(message, PendingAck.NONE);
    }

    /**
     * Applies a PUBLISH that had the RETAIN flag set. Readers see the change at once; when durable,
     * {@code ack} is held until the change is recorded.
     */
    public void update(Message message, PendingAck ack) {
        if (replica != null && !isSys(message.topic())) {
            // every node's copy changes when the partition has recorded it, this one's included
            ack.expect();
            replica.tell(new RetainedReplica.Write(message.payload().length == 0
                    ? new RetainedMessageCleared(message.topic())
                    : new RetainedMessageSet(StoredMessage.of(message)), ack));
            return;
        }
        if (writer == null || isSys(message.topic())) {
            apply(message);
            return;
        }
        // the tree and the journal must see changes in the same order, or a restart could bring
        // back an older message than the one subscribers last saw
        synchronized (this) {
            if (apply(message)) {
                writer.write(message.payload().length == 0
                        ? new RetainedMessageCleared(message.topic())
                        : new RetainedMessageSet(StoredMessage.of(message)), ack);
            }
        }
    }

    /** Updates the tree; false if that changed nothing (a clear where nothing was retained). */
    private boolean apply(Message message) {
        if (message.payload().length == 0) {
            return tree.remove(message.topic()) != null;
        }
        tree.put(message.topic(), message.withRetain(true));
        return true;
    }

    /** A change recorded by a partition, applied by this node's {@link RetainedReplica}. */
    void putReplicated(StoredMessage stored) {
        tree.put(stored.topic(), stored.toMessage());
    }

    void removeReplicated(String topic) {
        tree.remove(topic);
    }

    /** Every unexpired retained message whose topic matches the filter. */
    public void match(String filter, Consumer<Message> consumer) {
        long now = System.currentTimeMillis();
        tree.match(filter, message -> {
            // an expired message stays stored until replaced: removing it here could race with
            // a newer retained PUBLISH to the same topic
            if (!message.isExpired(now)) {
                consumer.accept(message);
            }
        });
    }

    public int size() {
        return tree.size();
    }

    /**
     * Waits until every change made so far is recorded, at most {@code timeout}; for a clean stop,
     * so that a retained message published just before it (even at QoS 0) is kept, as Mosquitto
     * keeps it by saving at exit.
     *
     * @return true if everything is recorded (always, in memory)
     */
    public boolean flush(Duration timeout) {
        if (replica != null) {
            CompletableFuture<Void> idle = new CompletableFuture<>();
            replica.tell(new RetainedReplica.AwaitIdle(idle));
            try {
                idle.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                return false;
            }
        }
        if (writer == null) {
            return true;
        }
        try {
            return writer.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether changes are recorded on disk. */
    public boolean isDurable() {
        return writer != null || replica != null;
    }

    private static boolean isSys(String topic) {
        return topic.startsWith("$SYS");
    }
}
