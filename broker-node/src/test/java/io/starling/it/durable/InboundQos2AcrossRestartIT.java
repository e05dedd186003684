package io.starling.it.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.starling.it.NodeProcess;
import io.starling.it.raw.RawClient;
import io.starling.it.raw.RawConnect;
import io.starling.it.raw.RawPacket;
import io.starling.it.raw.RawPackets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A persistent publisher's QoS 2 handshake survives the node: after {@code kill -9} and a restart,
 * the PUBLISH it resends (DUP, same packet id) is recognised and not routed a second time.
 */
class InboundQos2AcrossRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final NodeProcess node = NodeProcess.durablePerTest();

    @Test
    void resentQos2PublishIsNotRoutedTwiceAfterKill9() throws InterruptedException {
        try (SessionClient subscriber = SessionClient.connect(node, "q2-sub", false)) {
            subscriber.subscribe("q2/topic", 2);
        }
        RawConnect persistent = RawConnect.mqtt311("q2-pub").withCleanSession(false);
        byte[] payload = RawClient.utf8("once");
        try (RawClient publisher = RawClient.connected(node.host(), node.port(), persistent)) {
            publisher.send(RawPackets.publish("q2/topic", payload, 2, false, false, 7));
            assertEquals(7, publisher.expect(RawPacket.PUBREC, WAIT).packetId());
        }
        node.kill9();
        node.restart();

        try (RawClient publisher = RawClient.connected(node.host(), node.port(), persistent)) {
            // the client never saw the PUBREC arrive, so it resends with DUP and the same id
            publisher.send(RawPackets.publish("q2/topic", payload, 2, false, true, 7));
            assertEquals(7, publisher.expect(RawPacket.PUBREC, WAIT).packetId());
            publisher.send(RawPackets.pubrel(7));
            assertEquals(7, publisher.expect(RawPacket.PUBCOMP, WAIT).packetId());
        }
        try (SessionClient subscriber = SessionClient.connect(node, "q2-sub", false)) {
            List<SessionClient.Received> received = subscriber.drain(2000);
            assertEquals(List.of("once"), received.stream().map(SessionClient.Received::payload).toList(),
                    node.tail());
        }
    }
}
