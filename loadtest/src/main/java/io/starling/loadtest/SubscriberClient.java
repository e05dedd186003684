package io.starling.loadtest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscribing connection: subscribes once connected, then counts every PUBLISH in its
 * {@link ReceiveTally} and latency histogram and acknowledges QoS 1 deliveries (flushed once
 * per read, not per message).
 */
final class SubscriberClient extends MqttClientHandler {

    /** Our only SUBSCRIBE uses this packet identifier. */
    private static final int SUBSCRIBE_ID = 1;

    private final int runId;
    private final String subscription;
    private final MqttQoS qos;
    private final ReceiveTally tally;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final AtomicLong received = new AtomicLong();
    private long foreign;
    /** Latency is recorded only for messages sent from this time on (the end of the warm-up). */
    private volatile long latencyFromNanos = Long.MAX_VALUE;

    SubscriberClient(ClientSettings settings, int runId, String subscription, MqttQoS qos, int publishers) {
        super(settings);
        this.runId = runId;
        this.subscription = subscription;
        this.qos = qos;
        this.tally = new ReceiveTally(publishers);
    }

    /** Deliveries of this run's messages so far, duplicates included (read from any thread). */
    long received() {
        return received.get();
    }

    void recordLatencyFrom(long nanos) {
        latencyFromNanos = nanos;
    }

    /** A copy of the counts, taken on the event loop so it sees every message counted so far. */
    Future<SubscriberSnapshot> snapshot() {
        return context().executor().submit(() -> new SubscriberSnapshot(tally.copy(), latency.copy(), foreign));
    }

    @Override
    protected void onConnected(ChannelHandlerContext ctx, MqttConnAckMessage connAck) {
        ctx.writeAndFlush(MqttMessageBuilders.subscribe()
                .messageId(SUBSCRIBE_ID)
                .addSubscription(qos, subscription)
                .build());
    }

    @Override
    protected void onPacket(ChannelHandlerContext ctx, MqttMessage packet) {
        switch (packet.fixedHeader().messageType()) {
            case SUBACK:
                onSubAck(ctx, (MqttSubAckMessage) packet);
                break;
            case PUBLISH:
                onPublish(ctx, (MqttPublishMessage) packet);
                break;
            default:
                break;
        }
    }

    private void onSubAck(ChannelHandlerContext ctx, MqttSubAckMessage subAck) {
        int granted = subAck.payload().grantedQoSLevels().isEmpty() ? 0x80 : subAck.payload().grantedQoSLevels().get(0);
        if (granted >= 0x80) {
            fail(ctx, "broker refused subscription " + subscription + " (code 0x" + Integer.toHexString(granted) + ")");
        } else if (granted < qos.value()) {
            // a downgraded subscription would measure something else than asked
            fail(ctx, "broker granted QoS " + granted + " instead of " + qos.value() + " for " + subscription);
        } else {
            markReady();
        }
    }

    private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        long now = System.nanoTime();
        try {
            Payload p = Payload.readFrom(publish.payload());
            if (p.runId() != runId) {
                // left queued in a persistent session by an earlier run
                foreign++;
            } else {
                tally.record(p.publisherId(), p.sequence());
                received.incrementAndGet();
                if (p.sendNanos() >= latencyFromNanos) {
                    latency.record((now - p.sendNanos()) / 1_000);
                }
            }
        } catch (IllegalArgumentException notOurs) {
            foreign++;
        }
        if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            ctx.write(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }
}
