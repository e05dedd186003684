package io.starling.retain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.mqtt.Message;
import io.starling.mqtt.MessageProperties;
import io.starling.route.PendingAck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.ProcessingSuccess;
import org.apache.pekko.persistence.testkit.WriteEvents;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retained store as publishers and subscribers use it, durable on Pekko's in-memory test journal. */
class RetainedMessagesTest {

    private static final String ID = RetainedJournal.PERSISTENCE_ID.id();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private ActorTestKit testKit;
    private PersistenceTestKit journal;

    @BeforeEach
    void startActorSystem() {
        // a new actor system per test: each durable store starts its own journal actor
        testKit = ActorTestKit.create(
                PersistenceTestKitPlugin.config().withFallback(PersistenceTestKitSnapshotPlugin.config()));
        journal = PersistenceTestKit.create(testKit.system());
    }

    @AfterEach
    void stopActorSystem() {
        testKit.shutdownTestKit();
    }

    private RetainedMessages durable() {
        return RetainedMessages.durable(testKit.system(), new RetainedJournal.Autosave(1800, false), WAIT);
    }

    private static Message retained(String topic, String payload) {
        return retained(topic, payload, 0);
    }

    private static Message retained(String topic, String payload, long expiresAtMillis) {
        return new Message(topic, 1, true, payload.getBytes(StandardCharsets.UTF_8), MessageProperties.NONE,
                expiresAtMillis, "publisher");
    }

    private static List<String> payloads(RetainedMessages store, String filter) {
        List<String> found = new ArrayList<>();
        store.match(filter, m -> found.add(m.topic() + "=" + new String(m.payload(), StandardCharsets.UTF_8)));
        found.sort(null);
        return found;
    }

    /** A publisher's acknowledgement: released by the publisher's own done() and every recorder's. */
    private static final class Ack {
        final CountDownLatch sent = new CountDownLatch(1);
        final PendingAck pending = new PendingAck(sent::countDown);

        boolean awaitSent() throws InterruptedException {
            return sent.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void inMemoryStoreAcknowledgesAtOnce() {
        RetainedMessages store = RetainedMessages.inMemory();
        Ack ack = new Ack();

        store.update(retained("a", "1"), ack.pending);
        ack.pending.done(); // the publisher has routed the message

        assertEquals(0, ack.sent.getCount());
        assertEquals(List.of("a=1"), payloads(store, "#"));
        assertFalse(store.isDurable());
    }

    @Test
    void acknowledgementIsSentOnlyOnceTheChangeIsInTheJournal() throws InterruptedException {
        RetainedMessages store = durable();
        List<Object> inJournalWhenAcked = new CopyOnWriteArrayList<>();
        CountDownLatch sent = new CountDownLatch(1);
        PendingAck ack = new PendingAck(() -> {
            inJournalWhenAcked.addAll(journal.persistedInStorage(ID));
            sent.countDown();
        });

        store.update(retained("a", "1"), ack);
        ack.done();

        assertTrue(sent.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(1, inJournalWhenAcked.size());
        RetainedMessageSet event = assertInstanceOf(RetainedMessageSet.class, inJournalWhenAcked.get(0));
        assertEquals("a", event.message().topic());
    }

    @Test
    void subscribersSeeAChangeBeforeItIsRecorded() throws InterruptedException {
        RetainedMessages store = durable();
        CountDownLatch release = new CountDownLatch(1);
        journal.withPolicy((persistenceId, operation) -> {
            awaitQuietly(release); // holds the journal's write
            return ProcessingSuccess.getInstance();
        });
        Ack ack = new Ack();

        store.update(retained("a", "1"), ack.pending);
        ack.pending.done();

        assertEquals(List.of("a=1"), payloads(store, "#"));
        assertEquals(1, ack.sent.getCount(), "acknowledged before the journal wrote");
        release.countDown();
        assertTrue(ack.awaitSent());
    }

    @Test
    void changesMadeDuringAWriteAreWrittenTogetherInOrder() throws InterruptedException {
        RetainedMessages store = durable();
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        journal.withPolicy((persistenceId, operation) -> {
            if (operation instanceof WriteEvents write) {
                batchSizes.add(write.getBatch().size());
                awaitQuietly(release);
            }
            return ProcessingSuccess.getInstance();
        });
        List<Ack> acks = new ArrayList<>();
        for (String payload : List.of("1", "2", "3", "4")) {
            Ack ack = new Ack();
            store.update(retained("t", payload), ack.pending);
            ack.pending.done();
            acks.add(ack);
        }
        release.countDown();
        for (Ack ack : acks) {
            assertTrue(ack.awaitSent());
        }

        assertEquals(List.of(1, 3), batchSizes);
        List<Object> events = journal.persistedInStorage(ID);
        RetainedMessageSet last = assertInstanceOf(RetainedMessageSet.class, events.get(events.size() - 1));
        assertEquals("4", new String(last.message().payload(), StandardCharsets.UTF_8));
        assertEquals(List.of("t=4"), payloads(store, "#"));
    }

    @Test
    void flushWaitsForChangesStillBeingRecorded() {
        RetainedMessages store = durable();
        CountDownLatch release = new CountDownLatch(1);
        journal.withPolicy((persistenceId, operation) -> {
            awaitQuietly(release);
            return ProcessingSuccess.getInstance();
        });
        store.update(retained("a", "1")); // QoS 0 or a will: nobody waits for it, but a clean stop does

        assertFalse(store.flush(Duration.ofMillis(200)));
        release.countDown();
        assertTrue(store.flush(WAIT));
        assertEquals(1, journal.persistedInStorage(ID).size());
    }

    @Test
    void emptyRetainedPublishClearsAndIsRecorded() throws InterruptedException {
        RetainedMessages store = durable();
        store.update(retained("a", "1"));
        Ack ack = new Ack();

        store.update(retained("a", ""), ack.pending);
        ack.pending.done();

        assertTrue(ack.awaitSent());
        assertEquals(List.of(), payloads(store, "#"));
        List<Object> events = journal.persistedInStorage(ID);
        assertEquals(new RetainedMessageCleared("a"), events.get(events.size() - 1));
    }

    @Test
    void clearingWhatIsNotRetainedRecordsNothing() {
        RetainedMessages store = durable();
        Ack ack = new Ack();

        store.update(retained("nothing/here", ""), ack.pending);
        ack.pending.done();

        assertEquals(0, ack.sent.getCount());
        assertEquals(List.of(), journal.persistedInStorage(ID));
    }

    @Test
    void sysTopicsAreNotRecorded() {
        RetainedMessages store = durable();
        Ack ack = new Ack();

        store.update(retained("$SYS/broker/uptime", "5 seconds"), ack.pending);
        ack.pending.done();

        assertEquals(0, ack.sent.getCount());
        assertEquals(List.of("$SYS/broker/uptime=5 seconds"), payloads(store, "$SYS/#"));
        assertEquals(List.of(), journal.persistedInStorage(ID));
    }

    @Test
    void startingReadsTheJournalBackIntoMemory() {
        long now = System.currentTimeMillis();
        journal.persistForRecovery(ID, List.of(
                new RetainedMessageSet(StoredMessage.of(retained("a", "1"))),
                new RetainedMessageSet(StoredMessage.of(retained("b", "2"))),
                new RetainedMessageCleared("a"),
                new RetainedMessageSet(StoredMessage.of(retained("c", "3", now + 60_000)))));

        RetainedMessages store = durable();

        assertEquals(List.of("b=2", "c=3"), payloads(store, "#"));
        List<Message> c = new ArrayList<>();
        store.match("c", c::add);
        assertEquals(now + 60_000, c.get(0).expiresAtMillis());
        assertTrue(c.get(0).retain());
    }

    @Test
    void messagesThatExpiredWhileStoppedAreNotReadBack() {
        journal.persistForRecovery(ID, List.of(
                new RetainedMessageSet(StoredMessage.of(retained("old", "x", System.currentTimeMillis() - 1)))));

        RetainedMessages store = durable();

        assertEquals(0, store.size());
    }

    @Test
    void concurrentPublishersEndWithTheJournalAgreeingWithTheTree() throws InterruptedException {
        RetainedMessages store = durable();
        int threads = 4;
        int perThread = 200;
        List<Thread> publishers = new ArrayList<>();
        CountDownLatch allSent = new CountDownLatch(threads * perThread);
        AtomicBoolean failed = new AtomicBoolean();
        for (int t = 0; t < threads; t++) {
            int id = t;
            publishers.add(new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    PendingAck ack = new PendingAck(allSent::countDown);
                    try {
                        store.update(retained("shared/" + (i % 5), id + ":" + i), ack);
                    } catch (RuntimeException e) {
                        failed.set(true);
                    }
                    ack.done();
                }
            }));
        }
        publishers.forEach(Thread::start);
        for (Thread publisher : publishers) {
            publisher.join(WAIT.toMillis());
        }
        assertTrue(allSent.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertFalse(failed.get());

        // replaying the journal gives what subscribers see now
        RetainedJournalState replayed = new RetainedJournalState(0);
        for (Object event : journal.persistedInStorage(ID)) {
            replayed.apply((RetainedEvent) event);
        }
        List<String> fromJournal = new ArrayList<>();
        for (StoredMessage m : replayed.messages()) {
            fromJournal.add(m.topic() + "=" + new String(m.payload(), StandardCharsets.UTF_8));
        }
        fromJournal.sort(null);
        assertEquals(payloads(store, "#"), fromJournal);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
