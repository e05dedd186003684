package io.starling.listen;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.starling.deliver.Connection;
import io.starling.sys.Metrics;

/**
 * A client connection over a Netty channel. Writes come from the session actor's thread; each is
 * a write-and-flush, and the pipeline's {@code FlushConsolidationHandler} turns a burst of them
 * into one flush (one syscall) on the event loop.
 */
final class NettyConnection implements Connection {

    private final Channel channel;
    private final int protocolLevel;
    private final Metrics metrics;

    NettyConnection(Channel channel, int protocolLevel, Metrics metrics) {
        this.channel = channel;
        this.protocolLevel = protocolLevel;
        this.metrics = metrics;
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
