package io.starling.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.deliver.Outgoing;
import io.starling.mqtt.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionJournalTest {

    private static ActorTestKit testKit;
    private EventSourcedBehaviorTestKit<SessionJournal.Command, SessionEvent, SessionJournalState> journal;

    @BeforeAll
    static void startActorSystem() {
        testKit = ActorTestKit.create(
                EventSourcedBehaviorTestKit.config().withFallback(PersistenceTestKitSnapshotPlugin.config()));
    }

    @AfterAll
    static void stopActorSystem() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void start() {
        // commands carry actor refs and the state is the actor's own: events and snapshots must serialize
        journal = EventSourcedBehaviorTestKit.create(testKit.system(), SessionJournal.create("client-1"),
                EventSourcedBehaviorTestKit.enabledSerializationSettings()
                        .withVerifyCommands(false)
                        .withVerifyState(false));
    }

    @AfterEach
    void forgetEverything() {
        journal.clear();
        journal.snapshotTestKit().ifPresent(snapshots -> snapshots.clearAll());
    }

    private void record(SessionEvent... events) {
        EventSourcedBehaviorTestKit.CommandResultWithReply<SessionJournal.Command, SessionEvent, SessionJournalState, Done>
                result = journal.runCommand(replyTo -> new SessionJournal.Record(List.of(events), replyTo));
        assertEquals(Done.getInstance(), result.reply());
    }

    private SessionSnapshot state() {
        return journal.<SessionSnapshot>runCommand(SessionJournal.GetState::new).reply();
    }

    private static MessageQueued queued(String payload, int qos) {
        Message message = Message.of("t", qos, false, payload.getBytes(StandardCharsets.UTF_8));
        return MessageQueued.of(new Outgoing(message, qos, false, new int[] {7}));
    }

    private static String payload(MessageQueued queued) {
        return new String(queued.message().payload(), StandardCharsets.UTF_8);
    }

    @Test
    void subscriptionsAndQueuedMessagesAreRecordedInOrder() {
        record(new SessionStarted(3600), Subscribed.of("a/#", new io.starling.mqtt.SubscriptionOptions(1, false, false, 0, 0)));
        record(queued("m1", 1), queued("m2", 2), new Unsubscribed("nothing"));

        SessionSnapshot state = state();
        assertTrue(state.started());
        assertEquals(3600, state.expirySeconds());
        assertEquals(List.of("a/#"), state.subscriptions().stream().map(Subscribed::filter).toList());
        assertEquals(List.of("m1", "m2"), state.queue().stream().map(SessionJournalTest::payload).toList());
        assertEquals(List.of(), state.inflight());
    }

    @Test
    void sentMessageMovesFromQueueToInflightWithItsPacketId() {
        record(new SessionStarted(60), queued("m1", 1), queued("m2", 2), queued("m3", 1));
        record(new MessageSent(5), new MessageSent(6), new PubrecReceived(6));

        SessionSnapshot state = state();
        assertEquals(List.of("m3"), state.queue().stream().map(SessionJournalTest::payload).toList());
        assertEquals(2, state.inflight().size());
        assertEquals(5, state.inflight().get(0).packetId());
        assertEquals("m1", payload(state.inflight().get(0).message()));
        assertFalse(state.inflight().get(0).pubrecReceived());
        assertEquals(6, state.inflight().get(1).packetId());
        assertTrue(state.inflight().get(1).pubrecReceived());
        assertEquals(7, state.inflight().get(0).message().toOutgoing().subscriptionIds()[0]);
    }

    @Test
    void delayedWillIsRecordedUntilPublishedOrCancelledByAReturningClient() {
        WillDelayed will = new WillDelayed(queued("offline", 1).message(), -1, 123_000);
        record(new SessionStarted(60), will);
        assertEquals(will, state().pendingWill());
        record(new WillPublished());
        assertEquals(null, state().pendingWill());
        record(will, new SessionResumed(60));
        assertEquals(null, state().pendingWill());
    }

    @Test
    void inboundQos2HandshakesAreRecordedUntilPubrel() {
        record(new SessionStarted(60), new Qos2PublishReceived(7), new Qos2PublishReceived(9));
        record(new Qos2PublishReleased(7));

        assertEquals(List.of(9), state().awaitingRelease());
        record(new SessionStarted(60)); // a clean start forgets them
        assertEquals(List.of(), state().awaitingRelease());
    }

    @Test
    void acknowledgedAndDiscardedMessagesAreGone() {
        record(new SessionStarted(60), queued("m1", 1), queued("m2", 1), queued("m3", 1),
                new MessageSent(1), new MessageDiscarded(1), new MessageAcknowledged(1));

        SessionSnapshot state = state();
        assertEquals(List.of("m3"), state.queue().stream().map(SessionJournalTest::payload).toList());
        assertEquals(List.of(), state.inflight());
    }

    @Test
    void cleanStartForgetsTheEarlierSession() {
        record(new SessionStarted(60), Subscribed.of("x", new io.starling.mqtt.SubscriptionOptions(1, false, false, 0, 0)),
                queued("old", 1));
        record(new SessionStarted(120));

        SessionSnapshot state = state();
        assertEquals(120, state.expirySeconds());
        assertEquals(List.of(), state.subscriptions());
        assertEquals(List.of(), state.queue());
    }

    @Test
    void connectionEndRecordsWhenTheExpiryStartedCounting() {
        record(new SessionStarted(60), new ConnectionEnded(123_000, 30));
        assertEquals(123_000, state().disconnectedAtMillis());
        assertEquals(30, state().expirySeconds());

        record(new SessionResumed(90));
        assertEquals(0, state().disconnectedAtMillis());
        assertEquals(90, state().expirySeconds());
    }

    @Test
    void aBatchOfEventsIsWrittenAsOneJournalEntry() {
        record(new SessionStarted(60), queued("m1", 1), queued("m2", 1));
        record(new MessageSent(1));

        assertEquals(2, journal.persistenceTestKit().persistedInStorage("session|client-1").size());
        journal.restart();
        assertEquals(2, state().queue().size() + state().inflight().size());
    }

    @Test
    void endedSessionIsEmptyAndSnapshotted() {
        record(new SessionStarted(60), queued("m1", 1), new SessionEnded(1));

        assertFalse(state().started());
        journal.restart();
        assertFalse(state().started());
        assertTrue(journal.snapshotTestKit().orElseThrow().persistedInStorage("session|client-1").size() > 0);
    }

    @Test
    void stateSurvivesARestartOfTheJournal() {
        record(new SessionStarted(60), Subscribed.of("s/+", new io.starling.mqtt.SubscriptionOptions(2, true, true, 1, 9)));
        record(queued("m1", 2), new MessageSent(3), queued("m2", 1));

        journal.restart();

        SessionSnapshot state = state();
        assertEquals(9, state.subscriptions().get(0).toSubscription().options().subscriptionId());
        assertEquals(3, state.inflight().get(0).packetId());
        assertEquals(List.of("m2"), state.queue().stream().map(SessionJournalTest::payload).toList());
    }
}
