package io.starling.listen;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right behind the TLS handler: a failed handshake (plain MQTT sent to a TLS port, an untrusted,
 * revoked or missing client certificate, no common protocol or cipher) or a later TLS error closes
 * only that connection and is logged once, with the client's address, at info level (like
 * Mosquitto's notice). Without it the error would reach the MQTT handler as a bad packet.
 */
@ChannelHandler.Sharable
final class TlsFailures extends ChannelInboundHandlerAdapter {

    static final TlsFailures INSTANCE = new TlsFailures();
    private static final Logger log = LoggerFactory.getLogger(TlsFailures.class);

    private TlsFailures() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            log.info("TLS handshake with {} failed: {}; closing.", ctx.channel().remoteAddress(),
                    reason(done.cause()));
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isTls(cause)) {
            // the handshake failure, if that is what it is, was logged with its completion event
            log.debug("TLS error on connection from {}: {}", ctx.channel().remoteAddress(), reason(cause));
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private static boolean isTls(Throwable cause) {
        return cause instanceof SSLException
                || (cause instanceof DecoderException && cause.getCause() instanceof SSLException);
    }

    private static String reason(Throwable cause) {
        if (cause instanceof NotSslRecordException) {
            return "not a TLS record (a plain connection to a TLS port?)";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
