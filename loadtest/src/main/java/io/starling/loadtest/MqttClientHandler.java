package io.starling.loadtest;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The part of an MQTT client connection common to publishers and subscribers: CONNECT on
 * connect, CONNACK check, keep-alive pings, DISCONNECT, and remembering the first failure.
 *
 * <p>Everything but {@link #ready()}, {@link #failure()} and {@link #disconnect()} runs on the
 * channel's event loop.
 */
abstract class MqttClientHandler extends ChannelInboundHandlerAdapter {

    private static final MqttMessage PINGREQ =
            new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));
    /** MQTT 5 persistent sessions outlive the connection by this much (an hour: longer than any run). */
    private static final int SESSION_EXPIRY_SECONDS = 3_600;
    /**
     * After DISCONNECT the broker closes the connection; if it has not within this time, we do.
     * Letting the broker close first leaves the TIME_WAIT on its side, not on our ephemeral ports.
     */
    private static final long CLOSE_GRACE_MILLIS = 1_000;

    protected final ClientSettings settings;
    /** Completes when the connection can take part in the run (connected, and subscribed if it subscribes). */
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile String failure;
    private volatile boolean closing;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> pings;

    MqttClientHandler(ClientSettings settings) {
        this.settings = settings;
    }

    /** This handler's context, once added to a pipeline. */
    protected ChannelHandlerContext context() {
        return ctx;
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    /** The first thing that went wrong on this connection, or null. */
    String failure() {
        return failure;
    }

    /**
     * Sends DISCONNECT and closes; a close after this is not a failure. Returns the channel's
     * close future, or null if there never was a channel.
     */
    ChannelFuture disconnect() {
        closing = true;
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return null;
        }
        c.executor().execute(() -> {
            if (c.channel().isActive()) {
                c.writeAndFlush(MqttMessageBuilders.disconnect().build()).addListener(f -> {
                    if (f.isSuccess()) {
                        c.executor().schedule(() -> c.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                    } else {
                        c.close();
                    }
                });
            } else {
                c.close();
            }
        });
        return c.channel().closeFuture();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(settings.version())
                .clientId(settings.clientId())
                .cleanSession(settings.cleanSession())
                .keepAlive(settings.keepAliveSeconds());
        if (!settings.cleanSession() && settings.version() == MqttVersion.MQTT_5) {
            // in MQTT 5 a session without an expiry interval ends with the connection
            MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.IntegerProperty(
                    MqttProperties.SESSION_EXPIRY_INTERVAL, SESSION_EXPIRY_SECONDS));
            connect.properties(props);
        }
        if (settings.username() != null) {
            connect.hasUser(true).username(settings.username());
        }
        if (settings.password() != null) {
            connect.hasPassword(true).password(settings.password());
        }
        ctx.writeAndFlush(connect.build());
        // ping at half the keep-alive so a subscriber that only receives is not timed out
        long every = Math.max(1, settings.keepAliveSeconds() / 2);
        pings = ctx.executor().scheduleAtFixedRate(
                () -> ctx.writeAndFlush(PINGREQ), every, every, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            MqttMessage m = (MqttMessage) msg;
            if (m.decoderResult().isFailure()) {
                fail(ctx, "malformed packet from broker: " + m.decoderResult().cause());
                return;
            }
            switch (m.fixedHeader().messageType()) {
                case CONNACK:
                    onConnAck(ctx, (MqttConnAckMessage) m);
                    break;
                case PINGRESP:
                    break;
                case DISCONNECT:
                    fail(ctx, "broker sent DISCONNECT " + m.variableHeader());
                    break;
                default:
                    onPacket(ctx, m);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onConnAck(ChannelHandlerContext ctx, MqttConnAckMessage connAck) {
        MqttConnectReturnCode code = connAck.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            fail(ctx, "broker refused " + settings.clientId() + ": " + code);
            return;
        }
        onConnected(ctx, connAck);
    }

    /** CONNACK accepted: subscribe, or get ready to publish. */
    protected abstract void onConnected(ChannelHandlerContext ctx, MqttConnAckMessage connAck);

    /** Any other packet from the broker (PUBLISH, PUBACK, SUBACK...); released by the caller. */
    protected abstract void onPacket(ChannelHandlerContext ctx, MqttMessage packet);

    /** Fails the connection unless it became ready by now (e.g. no CONNACK in time); any thread. */
    void failUnlessReady(String why) {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        c.executor().execute(() -> {
            if (!ready.isDone()) {
                fail(c, why);
            }
        });
    }

    protected void markReady() {
        ready.complete(null);
    }

    /** The TCP connection could not be made: there is no channel to close. */
    void connectFailed(String why) {
        if (failure == null) {
            failure = settings.clientId() + ": " + why;
        }
        ready.completeExceptionally(new IllegalStateException(failure));
    }

    /** Records the failure (first one wins), fails {@link #ready()} and closes the connection. */
    protected void fail(ChannelHandlerContext ctx, String why) {
        if (closing) {
            // errors while we hang up (a reset after DISCONNECT) say nothing about the run
            ctx.close();
            return;
        }
        if (failure == null) {
            failure = settings.clientId() + ": " + why;
        }
        ready.completeExceptionally(new IllegalStateException(failure));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pings != null) {
            pings.cancel(false);
        }
        if (!closing) {
            fail(ctx, "connection closed by the broker");
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause.toString());
    }
}
