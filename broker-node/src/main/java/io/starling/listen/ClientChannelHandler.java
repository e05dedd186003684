package io.starling.listen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.starling.auth.ClientAccess;
import io.starling.auth.ListenerSecurity;
import io.starling.connect.AuthFailureLimiter;
import io.starling.connect.ConnectDecision;
import io.starling.connect.ConnectValidator;
import io.starling.mqtt.ReasonCodes;
import io.starling.publish.InboundPublish;
import io.starling.publish.NettyProperties;
import io.starling.session.SessionActor;
import io.starling.session.SessionRegistry;
import io.starling.sys.Metrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel side of a client: handles CONNECT, then hands every packet to the client's session
 * actor. Bad input (undecodable packets, a packet before CONNECT, a second CONNECT) closes this one
 * connection, with a DISCONNECT reason code for MQTT 5, and is logged once.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientChannelHandler.class);
    /** The protocol level of an accepted connection, for the node's shutdown DISCONNECT. */
    static final AttributeKey<Integer> PROTOCOL_LEVEL = AttributeKey.valueOf("starling.protocolLevel");
    /** The username of an accepted connection (absent for anonymous ones), for dynamic security's kicks. */
    static final AttributeKey<String> USERNAME = AttributeKey.valueOf("starling.username");

    private final ConnectValidator validator;
    private final ListenerSecurity security;
    private final AuthFailureLimiter authFailures;
    private final SessionRegistry registry;
    private final Metrics metrics;
    private final PacketFramer.DecodedCount decoded;
    /** use_identity_as_username / use_subject_as_username on a TLS listener; null otherwise. */
    private final CertificateIdentity identity;

    private NettyConnection connection;
    private ActorRef<SessionActor.Command> session;
    private String clientId;

    ClientChannelHandler(ConnectValidator validator, ListenerSecurity security, AuthFailureLimiter authFailures,
            SessionRegistry registry, Metrics metrics, PacketFramer.DecodedCount decoded, CertificateIdentity identity) {
        this.validator = validator;
        this.security = security;
        this.authFailures = authFailures;
        this.identity = identity;
        this.decoded = decoded;
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        decoded.value++;
        try {
            MqttMessage packet = (MqttMessage) msg;
            if (packet.decoderResult().isFailure()) {
                onBadPacket(ctx, packet.decoderResult().cause());
                return;
            }
            metrics.messagesReceived.increment();
            MqttMessageType type = packet.fixedHeader().messageType();
            if (session == null) {
                if (type == MqttMessageType.CONNECT) {
                    onConnect(ctx, (MqttConnectMessage) packet);
                } else {
                    log.info("Client {} sent {} before CONNECT: closing.", ctx.channel().remoteAddress(), type);
                    ctx.close();
                }
                return;
            }
            switch (type) {
                case PUBLISH -> {
                    connection.throttle().publishReceived();
                    session.tell(new SessionActor.Publish(connection, inbound((MqttPublishMessage) packet)));
                }
                case PINGREQ -> connection.send(new MqttMessage(
                        new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0)));
                case CONNECT -> protocolError("sent a second CONNECT", ReasonCodes.PROTOCOL_ERROR);
                default -> session.tell(new SessionActor.Packet(connection, packet));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onConnect(ChannelHandlerContext ctx, MqttConnectMessage connect) {
        int level = connect.variableHeader().version();
        InetAddress address = ctx.channel().remoteAddress() instanceof InetSocketAddress socket
                ? socket.getAddress() : null;
        if (authFailures.isBlocked(address)) {
            metrics.authRateLimited.increment();
            refuse(ctx, level, new ConnectDecision.Refused(ReasonCodes.V3_SERVER_UNAVAILABLE,
                    ReasonCodes.CONNECTION_RATE_EXCEEDED, "too many failed logins from this address"));
            return;
        }
        // the handshake is over before any MQTT byte arrives, so the client certificate is known here
        String certificateUsername = identity == null ? null : identity.username(ctx.pipeline().get(SslHandler.class));
        ConnectDecision decision = identity != null && certificateUsername == null
                ? CertificateIdentity.NO_CERTIFICATE
                : validator.validate(connect, security.rules(), certificateUsername);
        if (decision instanceof ConnectDecision.Refused refused) {
            log.info("Refused connection from {} as {}: {}.",
                    ctx.channel().remoteAddress(), connect.payload().clientIdentifier(), refused.reason());
            if (refused.failedCredentials()) {
                metrics.authFailures.increment();
                if (authFailures.failed(address)) {
                    log.warn("Client address {} reached auth_failure_limit: its CONNECTs are refused unchecked"
                            + " for the rest of the minute.", address.getHostAddress());
                }
            }
            refuse(ctx, level, refused);
            return;
        }
        var request = ((ConnectDecision.Accepted) decision).request();
        clientId = request.clientId();
        int keepAlive = request.keepAlive();
        // keep alive: the broker allows one and a half times the interval (MQTT 3.1.2.10)
        ctx.pipeline().replace(PipelineNames.IDLE, PipelineNames.IDLE,
                new IdleStateHandler(keepAlive * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        connection = new NettyConnection(ctx.channel(), level, metrics,
                new ClientAccess(security, clientId, request.username()));
        ctx.channel().attr(USERNAME).set(request.username());
        ctx.channel().attr(PROTOCOL_LEVEL).set(level);
        log.info("New client connected from {} as {} (p{}, c{}, k{}).", ctx.channel().remoteAddress(),
                clientId, level, request.cleanStart() ? 1 : 0, keepAlive);
        session = registry.attach(connection, request);
    }

    private static void refuse(ChannelHandlerContext ctx, int level, ConnectDecision.Refused refused) {
        byte code = level == 5 ? refused.v5Code() : refused.v3Code();
        ctx.writeAndFlush(connAck(code, level == 5 ? refused.reason() : null))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (connection != null && connection.throttle().isReadingStopped()) {
                return; // the broker stopped reading (back-pressure): the client is not idle
            }
            if (session == null) {
                log.info("Client {} sent no CONNECT in time: closing.", ctx.channel().remoteAddress());
            } else {
                log.info("Client {} has exceeded timeout, disconnecting.", clientId);
            }
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null && ctx.channel().isWritable()) {
            session.tell(new SessionActor.Writable(connection));
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            session.tell(new SessionActor.ConnectionLost(connection));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            onBadPacket(ctx, cause); // from the framer
        } else if (cause instanceof IOException) {
            log.debug("Socket error on client {}: {}", clientId, cause.toString());
        } else {
            log.warn("Error on client {} ({}): closing.", clientId, ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private void onBadPacket(ChannelHandlerContext ctx, Throwable cause) {
        metrics.malformedPackets.increment();
        if (session == null) {
            log.info("Bad CONNECT from {}: {}.", ctx.channel().remoteAddress(), cause.getMessage());
            if (cause instanceof MqttUnacceptableProtocolVersionException) {
                ctx.writeAndFlush(rawConnAck(ReasonCodes.V3_UNACCEPTABLE_PROTOCOL_VERSION))
                        .addListener(ChannelFutureListener.CLOSE);
            } else if (cause instanceof MqttIdentifierRejectedException) {
                ctx.writeAndFlush(rawConnAck(ReasonCodes.V3_IDENTIFIER_REJECTED))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
            return;
        }
        byte reason = ReasonCodes.MALFORMED_PACKET;
        if (cause instanceof TooLongFrameException) {
            reason = ReasonCodes.PACKET_TOO_LARGE;
        } else if (cause instanceof DecoderException && String.valueOf(cause.getMessage()).contains("topic name")) {
            reason = ReasonCodes.TOPIC_NAME_INVALID;
        }
        protocolError("sent a bad packet (" + cause.getMessage() + ")", reason);
    }

    private void protocolError(String what, byte reason) {
        log.info("Client {} {}: disconnecting.", clientId, what);
        connection.disconnect(reason, null);
    }

    private static InboundPublish inbound(MqttPublishMessage publish) {
        ByteBuf content = publish.content();
        byte[] payload = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), payload);
        MqttProperties properties = publish.variableHeader().properties();
        Integer alias = NettyProperties.integer(properties, MqttProperties.TOPIC_ALIAS);
        return new InboundPublish(
                publish.variableHeader().packetId(),
                publish.fixedHeader().qosLevel().value(),
                publish.fixedHeader().isDup(),
                publish.fixedHeader().isRetain(),
                publish.variableHeader().topicName(),
                alias == null ? 0 : alias,
                payload,
                NettyProperties.messageProperties(properties),
                NettyProperties.unsignedInt(properties, MqttProperties.PUBLICATION_EXPIRY_INTERVAL));
    }

    private static MqttConnAckMessage connAck(byte code, String reasonString) {
        MqttProperties properties = MqttProperties.NO_PROPERTIES;
        if (reasonString != null) {
            properties = new MqttProperties();
            properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, reasonString));
        }
        return MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.valueOf(code))
                .sessionPresent(false)
                .properties(properties)
                .build();
    }

    /** A 3.1.1 CONNACK written as bytes: the encoder does not know the client's version yet. */
    private static ByteBuf rawConnAck(byte code) {
        return Unpooled.wrappedBuffer(new byte[] {0x20, 0x02, 0x00, code});
    }
}
