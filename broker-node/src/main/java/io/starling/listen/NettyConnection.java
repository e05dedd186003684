package io.starling.listen;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.starling.auth.ClientAccess;
import io.starling.deliver.Connection;
import io.starling.route.flow.Throttle;
import io.starling.sys.Metrics;

/**
 * A client connection over a Netty channel. Writes come from the session actor's thread; each is
 * a write-and-flush, and the pipeline's {@code FlushConsolidationHandler} turns a burst of them
 * into one flush (one syscall) on the event loop.
 */
final class NettyConnection implements Connection {

    /**
     * PUBLISH packets that may wait for the session before reading stops. One socket read can
     * hand over more than this (reading stops after it), so it bounds the mailbox loosely.
     */
    private static final int UNHANDLED_PUBLISH_LIMIT = 64;

    private final Channel channel;
    private final int protocolLevel;
    private final Metrics metrics;
    private final Throttle throttle;
    private final ClientAccess access;

    NettyConnection(Channel channel, int protocolLevel, Metrics metrics, ClientAccess access) {
        this.channel = channel;
        this.access = access;
        this.protocolLevel = protocolLevel;
        this.metrics = metrics;
        this.throttle = new Throttle(this::setReading, UNHANDLED_PUBLISH_LIMIT);
    }

    @Override
    public int protocolLevel() {
        return protocolLevel;
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }

    @Override
    public void send(MqttMessage packet) {
        metrics.messagesSent.increment();
        channel.writeAndFlush(packet, channel.voidPromise());
    }

    /**
     * Called under the throttle's monitor from any thread; applied on the event loop, where
     * turning auto-read off takes the socket out of the poll set at once, with the throttle's
     * state at that moment (several switches may have happened before the task runs).
     */
    private void setReading(boolean reading) {
        channel.eventLoop().execute(() -> channel.config().setAutoRead(!throttle.isReadingStopped()));
    }

    @Override
    public ClientAccess access() {
        return access;
    }

    @Override
    public Throttle throttle() {
        return throttle;
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void disconnect(byte reasonCode, String reasonString) {
        if (protocolLevel == 5 && channel.isActive()) {
            channel.writeAndFlush(disconnectPacket(reasonCode, reasonString))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    @Override
    public void close() {
        channel.close();
    }

    static MqttMessage disconnectPacket(byte reasonCode, String reasonString) {
        MqttProperties properties = new MqttProperties();
        if (reasonString != null) {
            properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, reasonString));
        }
        return MqttMessageBuilders.disconnect().reasonCode(reasonCode).properties(properties).build();
    }

    @Override
    public String toString() {
        return "connection " + channel.remoteAddress();
    }
}
