package io.starling.loadtest;

import io.starling.route.cluster.ClusterMessage;
import io.starling.route.cluster.RouteReplicator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/**
 * Stands between two route replicators of {@link RouteTableBench} in place of the network: every
 * message between nodes goes through the serializer a real cluster uses (Jackson CBOR, bound to
 * {@link ClusterMessage}) and back, so the receiver gets its own copies of the filters, as it
 * would from another JVM, and the bytes that would cross the wire are counted.
 */
final class WireRelay {

    /** What crossed one relay. Written by the relay's actor, read by the bench after it settled. */
    static final class Traffic {
        final AtomicLong messages = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong deltas = new AtomicLong();
        final AtomicLong chunks = new AtomicLong();
        final AtomicInteger largestDelta = new AtomicInteger();
        final AtomicInteger largestChunk = new AtomicInteger();
        /** Messages larger than Artery's frame (node/cluster.conf: 1 MiB): a real cluster drops them. */
        final AtomicLong overFrame = new AtomicLong();
    }

    /** Artery's maximum-frame-size in Starling's node/cluster.conf. */
    static final int FRAME_BYTES = 1024 * 1024;

    private WireRelay() {
    }

    static Behavior<RouteReplicator.Command> create(ActorRef<RouteReplicator.Command> target, Traffic traffic) {
        return Behaviors.setup(context -> {
            Serialization serialization = SerializationExtension.get(Adapter.toClassic(context.getSystem()));
            return Behaviors.receiveMessage(message -> {
                if (message instanceof ClusterMessage) {
                    target.tell(roundTrip(serialization, message, traffic));
                } else {
                    target.tell(message);
                }
                return Behaviors.same();
            });
        });
    }

    private static RouteReplicator.Command roundTrip(Serialization serialization, RouteReplicator.Command message,
            Traffic traffic) {
        Serializer serializer = serialization.findSerializerFor(message);
        String manifest = Serializers.manifestFor(serializer, message);
        // serialize() (not the serializer's toBinary) sets what Jackson needs to write actor references
        byte[] bytes = serialization.serialize(message).get();
        traffic.messages.incrementAndGet();
        traffic.bytes.addAndGet(bytes.length);
        if (bytes.length > FRAME_BYTES) {
            traffic.overFrame.incrementAndGet();
        }
        if (message instanceof RouteReplicator.Delta) {
            traffic.deltas.incrementAndGet();
            traffic.largestDelta.accumulateAndGet(bytes.length, Math::max);
        } else if (message instanceof RouteReplicator.SnapshotChunk) {
            traffic.chunks.incrementAndGet();
            traffic.largestChunk.accumulateAndGet(bytes.length, Math::max);
        }
        return (RouteReplicator.Command) serialization.deserialize(bytes, serializer.identifier(), manifest).get();
    }
}
