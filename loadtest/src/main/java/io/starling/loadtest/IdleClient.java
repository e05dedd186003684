package io.starling.loadtest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;

/** A connection that connects and then only keeps alive (pings): the connect scenario's clients. */
final class IdleClient extends MqttClientHandler {

    IdleClient(ClientSettings settings) {
        super(settings);
    }

    @Override
    protected void onConnected(ChannelHandlerContext ctx, MqttConnAckMessage connAck) {
        markReady();
    }

    @Override
    protected void onPacket(ChannelHandlerContext ctx, MqttMessage packet) {
        // nothing is subscribed, so nothing but PINGRESPs (handled by the base class) should come
    }
}
