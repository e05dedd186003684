package io.starling.loadtest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One publishing connection. Once started it sends as fast as the socket accepts (QoS 0) or as
 * the broker's PUBACKs open the window (QoS 1), optionally slowed to a target rate, until stopped.
 *
 * <p>Sequence numbers run 0, 1, 2... so {@link #sent()} is also the next sequence number.
 */
final class PublisherClient extends MqttClientHandler {

    /** Messages written per turn before giving the event loop back to reads (PUBACKs). */
    private static final int BATCH = 64;

    private final int runId;
    private final int publisherId;
    private final String topic;
    private final MqttQoS qos;
    private final int payloadBytes;
    private final PublishWindow window;
    private final SendPacer pacer;
    /** The same for every PUBLISH of this publisher (immutable, so shared). */
    private final MqttFixedHeader fixedHeader;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong strayAcks = new AtomicLong();
    private volatile int inFlight;

    // touched only on the event loop
    private boolean running;
    private boolean pumpQueued;

    PublisherClient(ClientSettings settings, int runId, int publisherId, String topic, MqttQoS qos, int payloadBytes,
                    int inflight, SendPacer pacer) {
        super(settings);
        this.runId = runId;
        this.publisherId = publisherId;
        this.topic = topic;
        this.qos = qos;
        this.payloadBytes = payloadBytes;
        this.window = new PublishWindow(inflight);
        this.pacer = pacer;
        this.fixedHeader = new MqttFixedHeader(MqttMessageType.PUBLISH, false, qos, false, 0);
    }

    int publisherId() {
        return publisherId;
    }

    /** Messages written so far (read from any thread). */
    long sent() {
        return sent.get();
    }

    /** QoS 1 messages still awaiting PUBACK (read from any thread). */
    int inFlight() {
        return inFlight;
    }

    /** PUBACKs for packet identifiers that were not in flight. */
    long strayAcks() {
        return strayAcks.get();
    }

    /** Starts publishing; the pacer's clock starts at {@code startNanos}. */
    void start(long startNanos) {
        context().executor().execute(() -> {
            running = true;
            pacer.start(startNanos);
            pump();
        });
    }

    /** Stops publishing; once the future completes, {@link #sent()} is final. */
    Future<?> stop() {
        return context().executor().submit(() -> running = false);
    }

    @Override
    protected void onConnected(ChannelHandlerContext ctx, MqttConnAckMessage connAck) {
        MqttProperties.MqttProperty<?> receiveMaximum =
                connAck.variableHeader().properties().getProperty(MqttProperties.RECEIVE_MAXIMUM);
        if (receiveMaximum != null && receiveMaximum.value() instanceof Integer max) {
            window.limitTo(max);
        }
        markReady();
    }

    @Override
    protected void onPacket(ChannelHandlerContext ctx, MqttMessage packet) {
        if (packet.fixedHeader().messageType() == MqttMessageType.PUBACK) {
            if (!window.release(packetId(packet))) {
                strayAcks.incrementAndGet();
            }
            inFlight = window.inFlight();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // PUBACKs of this read may have opened the window
        pump();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            pump();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Writes what the socket, the window and the pacer allow, then arranges to come back. */
    private void pump() {
        ChannelHandlerContext ctx = context();
        if (!running || !ctx.channel().isActive()) {
            return;
        }
        long allowance = pacer.allowance(System.nanoTime(), sent.get());
        int written = 0;
        while (written < BATCH && allowance > 0 && ctx.channel().isWritable()) {
            int packetId = 0;
            if (qos == MqttQoS.AT_LEAST_ONCE) {
                packetId = window.acquire();
                if (packetId == 0) {
                    break;
                }
            }
            ctx.write(publish(packetId, sent.get()));
            sent.incrementAndGet();
            written++;
            allowance--;
        }
        inFlight = window.inFlight();
        if (written > 0) {
            ctx.flush();
        }
        scheduleNext();
    }

    /**
     * Comes back right away (after pending reads) if more may be sent now, after the pacer's
     * delay if it is holding us back. A full window waits for PUBACKs and an unwritable socket
     * for writability; both call {@link #pump()} themselves.
     */
    private void scheduleNext() {
        ChannelHandlerContext ctx = context();
        if (pumpQueued || !ctx.channel().isWritable()) {
            return;
        }
        if (qos == MqttQoS.AT_LEAST_ONCE && !window.hasRoom()) {
            return;
        }
        pumpQueued = true;
        long wait = pacer.nanosUntilNext(System.nanoTime(), sent.get());
        Runnable again = () -> {
            pumpQueued = false;
            pump();
        };
        if (wait > 0) {
            ctx.executor().schedule(again, wait, TimeUnit.NANOSECONDS);
        } else {
            ctx.executor().execute(again);
        }
    }

    private MqttMessage publish(int packetId, long sequence) {
        ByteBuf payload = context().alloc().buffer(payloadBytes);
        new Payload(runId, publisherId, sequence, System.nanoTime()).writeTo(payload, payloadBytes);
        // built directly: MqttMessageBuilders.publish() copies the payload and never releases ours
        return new MqttPublishMessage(fixedHeader, new MqttPublishVariableHeader(topic, packetId), payload);
    }

    private static int packetId(MqttMessage packet) {
        Object header = packet.variableHeader();
        // MQTT 5 PUBACKs carry MqttPubReplyMessageVariableHeader, a subclass
        if (header instanceof MqttMessageIdVariableHeader id) {
            return id.messageId();
        }
        return -1;
    }
}
