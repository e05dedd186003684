package io.starling.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.starling.mqtt.Message;
import io.starling.mqtt.MessageProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Maximum Packet Size depends on {@link PublishPackets#encodedSize} being exact. */
class PublishPacketsTest {

    private static int encoded(Outgoing out, boolean mqtt5, String topic, int alias) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        // the encoder reads the version the decoder stored on the channel at CONNECT
        channel.attr(AttributeKey.<MqttVersion>valueOf("NETTY_CODEC_MQTT_VERSION"))
                .set(mqtt5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1);
        channel.writeOutbound(PublishPackets.publish(out, 7, false, mqtt5, topic, alias, 0));
        ByteBuf bytes = channel.readOutbound();
        int size = bytes.readableBytes();
        bytes.release();
        return size;
    }

    @Test
    void encodedSizeOfAnMqtt311PublishMatchesTheEncoder() {
        Outgoing out = Outgoing.of(Message.of("a/b/c", 1, false, new byte[200]), 1, false);
        assertEquals(encoded(out, false, "a/b/c", 0), PublishPackets.encodedSize(out, false, "a/b/c", 0));
    }

    @Test
    void encodedSizeOfAnMqtt5PublishWithEveryPropertyMatchesTheEncoder() {
        MessageProperties properties = new MessageProperties(1, "text/plain", "reply/here", new byte[] {1, 2, 3},
                List.of(new Message.UserProperty("k", "v"), new Message.UserProperty("ключ", "значение")));
        Message message = new Message("topic/ü", 2, true, new byte[130], properties, 60_000, "pub");
        Outgoing out = new Outgoing(message, 2, true, new int[] {1, 300});
        assertEquals(encoded(out, true, "topic/ü", 4), PublishPackets.encodedSize(out, true, "topic/ü", 4));
        assertEquals(encoded(out, true, "", 4), PublishPackets.encodedSize(out, true, "", 4));
    }
}
