package io.starling.listen;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.starling.deliver.Connection;
import io.starling.sys.Metrics;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client connection over a Netty channel. Writes come from the session actor's thread; they
 * are queued on the channel and flushed by one task per burst on the event loop, so a session
 * sending a hundred messages costs one flush (one syscall), not a hundred.
 */
final class NettyConnection implements Connection {

    private final Channel channel;
    private final int protocolLevel;
    private final Metrics metrics;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Runnable flush;

    NettyConnection(Channel channel, int protocolLevel, Metrics metrics) {
        this.channel = channel;
        this.protocolLevel = protocolLevel;
        this.metrics = metrics;
        this.flush = () -> {
            flushScheduled.set(false);
            channel.flush();
        };
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
        channel.write(packet, channel.voidPromise());
        if (flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(flush);
        }
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
