package io.starling.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.starling.mqtt.Message;
import io.starling.mqtt.SubscriptionOptions;
import io.starling.mqtt.TopicFilter;
import io.starling.route.PendingAck;
import io.starling.route.Subscription;
import io.starling.route.flow.StallWatch;
import io.starling.route.flow.Throttle;
import io.starling.sys.Metrics;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The bound on a session's mailbox: a starved session cannot make the heap grow without limit. */
class SessionSubscriberTest {

    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    private static List<Subscription> subscribedAt(int qos) {
        return List.of(new Subscription(TopicFilter.parse("t/#"), SubscriptionOptions.qos(qos)));
    }

    private static SessionSubscriber subscriber(TestProbe<SessionActor.Command> session, int limit, Metrics metrics) {
        return new SessionSubscriber("c", session.getRef(), limit, metrics, new StallWatch(1));
    }

    private static Message message(int qos) {
        return Message.of("t/1", qos, false, new byte[] {1});
    }

    @Test
    void qos0DeliveriesBeyondTheQueueLimitAreDroppedAndCounted() {
        TestProbe<SessionActor.Command> session = testKit.createTestProbe();
        Metrics metrics = new Metrics();
        SessionSubscriber subscriber = subscriber(session, 3, metrics);
        for (int i = 0; i < 5; i++) {
            subscriber.deliver(message(0), subscribedAt(0), PendingAck.NONE, Throttle.NONE);
        }
        session.receiveSeveralMessages(3);
        session.expectNoMessage(Duration.ofMillis(100));
        assertEquals(2, metrics.droppedMessages.sum());
    }

    @Test
    void qos1DeliveriesAreKeptUpToTwiceTheLimit() {
        TestProbe<SessionActor.Command> session = testKit.createTestProbe();
        Metrics metrics = new Metrics();
        SessionSubscriber subscriber = subscriber(session, 3, metrics);
        for (int i = 0; i < 8; i++) {
            subscriber.deliver(message(1), subscribedAt(1), PendingAck.NONE, Throttle.NONE);
        }
        session.receiveSeveralMessages(6);
        session.expectNoMessage(Duration.ofMillis(100));
        assertEquals(2, metrics.droppedMessages.sum());
    }

    @Test
    void deliveriesTakenOutOfTheMailboxMakeRoomAgain() {
        TestProbe<SessionActor.Command> session = testKit.createTestProbe();
        Metrics metrics = new Metrics();
        SessionSubscriber subscriber = subscriber(session, 2, metrics);
        subscriber.deliver(message(0), subscribedAt(0), PendingAck.NONE, Throttle.NONE);
        subscriber.deliver(message(0), subscribedAt(0), PendingAck.NONE, Throttle.NONE);
        subscriber.backlog().taken();
        subscriber.deliver(message(0), subscribedAt(0), PendingAck.NONE, Throttle.NONE);
        session.receiveSeveralMessages(3);
        assertEquals(0, metrics.droppedMessages.sum());
    }

    @Test
    void noLimitWhenMaxQueuedMessagesIsZero() {
        TestProbe<SessionActor.Command> session = testKit.createTestProbe();
        Metrics metrics = new Metrics();
        SessionSubscriber subscriber = subscriber(session, 0, metrics);
        for (int i = 0; i < 50; i++) {
            subscriber.deliver(message(0), subscribedAt(0), PendingAck.NONE, Throttle.NONE);
        }
        session.receiveSeveralMessages(50);
        assertEquals(0, metrics.droppedMessages.sum());
    }
}
