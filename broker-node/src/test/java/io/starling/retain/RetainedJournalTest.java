package io.starling.retain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.mqtt.Message;
import io.starling.mqtt.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.SnapshotMeta;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RetainedJournalTest {

    private static ActorTestKit testKit;
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private EventSourcedBehaviorTestKit<RetainedJournal.Command, RetainedEvent, RetainedJournalState> journal;

    @BeforeAll
    static void startActorSystem() {
        testKit = ActorTestKit.create(
                EventSourcedBehaviorTestKit.config().withFallback(PersistenceTestKitSnapshotPlugin.config()));
    }

    @AfterAll
    static void stopActorSystem() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void forgetEverything() {
        if (journal != null) {
            journal.clear();
            journal.snapshotTestKit().ifPresent(snapshots -> snapshots.clearAll());
        }
    }

    private void start(RetainedJournal.Autosave autosave) {
        Behavior<RetainedJournal.Command> behavior = RetainedJournal.create(autosave, clock::get);
        // commands carry actor refs and the state is the actor's own: only events must serialize
        journal = EventSourcedBehaviorTestKit.create(testKit.system(), behavior,
                EventSourcedBehaviorTestKit.enabledSerializationSettings()
                        .withVerifyCommands(false)
                        .withVerifyState(false));
    }

    private static RetainedMessageSet set(String topic, String payload) {
        return set(topic, payload, 0);
    }

    private static RetainedMessageSet set(String topic, String payload, long expiresAtMillis) {
        return new RetainedMessageSet(StoredMessage.of(new Message(topic, 1, true,
                payload.getBytes(StandardCharsets.UTF_8), MessageProperties.NONE, expiresAtMillis, "publisher")));
    }

    private EventSourcedBehaviorTestKit.CommandResultWithReply<RetainedJournal.Command, RetainedEvent,
            RetainedJournalState, Done> record(RetainedEvent... events) {
        return journal.runCommand(replyTo -> new RetainedJournal.Record(List.of(events), replyTo));
    }

    private static String payload(RetainedJournalState state, String topic) {
        StoredMessage message = state.get(topic);
        return message == null ? null : new String(message.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void recordedChangesAreRepliedToAndKeptInOrder() {
        start(new RetainedJournal.Autosave(1800, false));

        var result = record(set("a", "1"), set("b", "2"), set("a", "3"));

        assertEquals(Done.getInstance(), result.reply());
        assertEquals(3, result.events().size());
        assertEquals("3", payload(result.state(), "a"));
        assertEquals("2", payload(result.state(), "b"));
    }

    @Test
    void retainedMessagesAreRecoveredAfterRestart() {
        start(new RetainedJournal.Autosave(1800, false));
        record(set("sensors/1", "20.5"), set("sensors/2", "19.0"));

        RetainedJournalState recovered = journal.restart().state();

        assertEquals(2, recovered.size());
        assertEquals("20.5", payload(recovered, "sensors/1"));
        assertEquals("19.0", payload(recovered, "sensors/2"));
    }

    @Test
    void clearedMessageStaysClearedAfterRestart() {
        start(new RetainedJournal.Autosave(1800, false));
        record(set("door", "open"));
        record(new RetainedMessageCleared("door"));

        RetainedJournalState recovered = journal.restart().state();

        assertNull(recovered.get("door"));
        assertEquals(0, recovered.size());
    }

    @Test
    void messageExpiryStaysAbsoluteAcrossRestart() {
        start(new RetainedJournal.Autosave(1800, false));
        long expiresAt = clock.get() + 60_000;
        record(set("weather", "sunny", expiresAt));

        RetainedJournalState recovered = journal.restart().state();

        assertEquals(expiresAt, recovered.get("weather").expiresAtMillis());
    }

    @Test
    void propertiesAndPublisherSurviveTheJournal() {
        start(new RetainedJournal.Autosave(1800, false));
        Message original = new Message("cmd/reply", 2, true, new byte[] {1, 2, 3},
                new MessageProperties(1, "application/json", "cmd/answer", new byte[] {9},
                        List.of(new Message.UserProperty("k", "v1"), new Message.UserProperty("k", "v2"))),
                0, "client-7");
        record(new RetainedMessageSet(StoredMessage.of(original)));

        Message back = journal.restart().state().get("cmd/reply").toMessage();

        assertEquals(2, back.qos());
        assertTrue(back.retain());
        assertArrayEquals(new byte[] {1, 2, 3}, back.payload());
        assertEquals(1, back.properties().payloadFormatIndicator());
        assertEquals("application/json", back.properties().contentType());
        assertEquals("cmd/answer", back.properties().responseTopic());
        assertArrayEquals(new byte[] {9}, back.properties().correlationData());
        assertEquals(original.properties().userProperties(), back.properties().userProperties());
        assertEquals("client-7", back.publisherClientId());
    }

    @Test
    void getRetainedRepliesWithEveryRecordedMessage() {
        start(new RetainedJournal.Autosave(1800, false));
        record(set("a", "1"), set("b", "2"), new RetainedMessageCleared("a"));

        var result = journal.<RetainedJournal.Retained>runCommand(RetainedJournal.GetRetained::new);

        assertEquals(List.of("b"), result.reply().messages().stream().map(StoredMessage::topic).toList());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void autosaveOnChangesTakesASnapshotEveryIntervalChanges() {
        start(new RetainedJournal.Autosave(3, true));

        record(set("a", "1"), set("b", "2"));
        assertEquals(0, snapshots().size());
        record(set("c", "3"));

        List<Pair<SnapshotMeta, Object>> taken = snapshots();
        assertEquals(1, taken.size());
        assertEquals(3, taken.get(0).first().sequenceNr());
        assertEquals(3, ((RetainedSnapshot) taken.get(0).second()).messages().size());
    }

    @Test
    void autosaveIntervalTakesASnapshotWithTheFirstChangeAfterIt() {
        start(new RetainedJournal.Autosave(60, false));

        record(set("a", "1"));
        clock.addAndGet(59_000);
        record(set("b", "2"));
        assertEquals(0, snapshots().size());
        clock.addAndGet(2_000);
        record(set("c", "3"));

        assertEquals(1, snapshots().size());
        assertEquals(3, snapshots().get(0).first().sequenceNr());
    }

    @Test
    void recoveryStartsFromTheSnapshotAndReplaysLaterEvents() {
        start(new RetainedJournal.Autosave(2, true));
        record(set("a", "1"), set("b", "2")); // snapshot at 2
        record(set("a", "3"), new RetainedMessageCleared("b"));
        record(set("c", "4"));

        RetainedJournalState recovered = journal.restart().state();

        assertEquals("3", payload(recovered, "a"));
        assertNull(recovered.get("b"));
        assertEquals("4", payload(recovered, "c"));
    }

    @Test
    void snapshotLeavesOutMessagesThatHaveExpired() {
        start(new RetainedJournal.Autosave(2, true));
        record(set("short", "x", clock.get() + 1_000));
        clock.addAndGet(5_000);
        record(set("long", "y", clock.get() + 60_000)); // the snapshot is taken here, at seq 2

        RetainedSnapshot snapshot = (RetainedSnapshot) snapshots().get(0).second();

        assertEquals(List.of("long"), snapshot.messages().stream().map(StoredMessage::topic).toList());
    }

    @Test
    void eventsAndSnapshotsAreSerializedWithJacksonCbor() throws Exception {
        Serialization serialization = SerializationExtension.get(testKit.system());
        RetainedSnapshot snapshot = new RetainedSnapshot(List.of(set("t", "p", 42).message()));
        for (Object value : List.of(set("t", "p"), new RetainedMessageCleared("t"), snapshot)) {
            assertEquals("org.apache.pekko.serialization.jackson.JacksonCborSerializer",
                    serialization.findSerializerFor(value).getClass().getName());
        }

        byte[] bytes = serialization.serialize(snapshot).get();
        Object back = serialization.deserialize(bytes,
                serialization.findSerializerFor(snapshot).identifier(), RetainedSnapshot.class.getName()).get();

        StoredMessage message = assertInstanceOf(RetainedSnapshot.class, back).messages().get(0);
        assertNotNull(message);
        assertEquals("t", message.topic());
        assertEquals(42, message.expiresAtMillis());
        assertArrayEquals("p".getBytes(StandardCharsets.UTF_8), message.payload());
    }

    private List<Pair<SnapshotMeta, Object>> snapshots() {
        return journal.snapshotTestKit().orElseThrow().persistedInStorage(RetainedJournal.PERSISTENCE_ID.id());
    }
}
