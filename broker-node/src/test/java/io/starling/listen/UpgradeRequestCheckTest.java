package io.starling.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import org.junit.jupiter.api.Test;

/** Which HTTP requests may become an MQTT WebSocket, and what the others are told. */
class UpgradeRequestCheckTest {

    private static FullHttpRequest request(HttpMethod method, String uri, String... headers) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        return r;
    }

    private static FullHttpRequest upgrade(String uri, String... extra) {
        FullHttpRequest r = request(HttpMethod.GET, uri, "Host", "127.0.0.1", "Upgrade", "websocket",
                "Connection", "keep-alive, Upgrade", "Sec-WebSocket-Version", "13",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        for (int i = 0; i < extra.length; i += 2) {
            r.headers().add(extra[i], extra[i + 1]);
        }
        return r;
    }

    @Test
    void upgradeOnAnyPathWithAnMqttSubprotocolOrNoneIsAccepted() {
        assertNull(UpgradeRequestCheck.refusal(upgrade("/mqtt", "Sec-WebSocket-Protocol", "mqtt")));
        assertNull(UpgradeRequestCheck.refusal(upgrade("/", "Sec-WebSocket-Protocol", "mqttv3.1")));
        assertNull(UpgradeRequestCheck.refusal(upgrade("/a/b?x=1", "Sec-WebSocket-Protocol", "chat, mqtt")));
        assertNull(UpgradeRequestCheck.refusal(upgrade("/mqtt")));
    }

    @Test
    void requestsThatAreNoMqttUpgradeAreBadRequests() {
        assertEquals(HttpResponseStatus.BAD_REQUEST,
                UpgradeRequestCheck.refusal(request(HttpMethod.GET, "/mqtt", "Host", "x")));
        assertEquals(HttpResponseStatus.BAD_REQUEST,
                UpgradeRequestCheck.refusal(request(HttpMethod.POST, "/mqtt", "Upgrade", "websocket",
                        "Connection", "Upgrade")));
        assertEquals(HttpResponseStatus.BAD_REQUEST,
                UpgradeRequestCheck.refusal(upgrade("/mqtt", "Sec-WebSocket-Protocol", "chat")));
        assertEquals(HttpResponseStatus.BAD_REQUEST, UpgradeRequestCheck.refusal(upgrade("*")));
    }

    @Test
    void requestWithTooManyHeaderBytesIsTold431() {
        FullHttpRequest r = upgrade("/mqtt");
        r.setDecoderResult(DecoderResult.failure(new TooLongHttpHeaderException("too long")));

        assertEquals(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, UpgradeRequestCheck.refusal(r));
    }

    @Test
    void refusedRequestGetsItsStatusAndTheChannelCloses() {
        EmbeddedChannel channel = new EmbeddedChannel(new UpgradeRequestCheck());

        channel.writeInbound(request(HttpMethod.GET, "/", "Host", "x"));

        FullHttpResponse response = assertInstanceOf(FullHttpResponse.class, channel.readOutbound());
        assertEquals(HttpResponseStatus.BAD_REQUEST, response.status());
        assertEquals("close", response.headers().get("connection"));
        response.release();
        assertNull(channel.readInbound());
        assertFalse(channel.isOpen());
    }

    @Test
    void acceptedUpgradeGoesOnAndTheCheckLeavesThePipeline() {
        EmbeddedChannel channel = new EmbeddedChannel(new UpgradeRequestCheck());
        FullHttpRequest r = upgrade("/mqtt", "Sec-WebSocket-Protocol", "mqtt");

        channel.writeInbound(r);

        assertSame(r, channel.readInbound());
        assertNull(channel.pipeline().get(UpgradeRequestCheck.class));
        r.release();
    }
}
