package io.starling.it.v5;

import static io.starling.it.v5.HiveClients.next;
import static io.starling.it.v5.HiveClients.text;
import static io.starling.it.v5.HiveClients.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.starling.it.TestBroker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Request/response (MQTT 5 §4.10) between a HiveMQ requester and a Paho responder. */
class RequestResponseIT {

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass("");

    @Test
    void responseTopicAndCorrelationDataCarryAReplyBackToTheRequester() throws Exception {
        byte[] correlation = utf8("request-7");
        Mqtt5BlockingClient requester = HiveClients.connected(broker, "rr-requester");
        try (Mqtt5Publishes replies = requester.publishes(MqttGlobalPublishFilter.ALL);
                PahoSubscriber responder = PahoSubscriber.subscribe(broker, "rr-responder", "rr/requests", 1)) {
            requester.subscribeWith().topicFilter("rr/replies/rr-requester").qos(MqttQos.AT_LEAST_ONCE).send();
            requester.publishWith().topic("rr/requests").qos(MqttQos.AT_LEAST_ONCE)
                    .responseTopic("rr/replies/rr-requester")
                    .correlationData(correlation)
                    .payload(utf8("ping"))
                    .send();

            // the responder answers on the Response Topic, echoing the Correlation Data
            MqttMessage request = responder.next().message();
            MqttProperties replyProps = new MqttProperties();
            replyProps.setCorrelationData(request.getProperties().getCorrelationData());
            MqttMessage reply = new MqttMessage(
                    ("pong:" + new String(request.getPayload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8),
                    1, false, replyProps);
            responder.client().publish(request.getProperties().getResponseTopic(), reply);

            Mqtt5Publish answer = next(replies);
            assertEquals("rr/replies/rr-requester", answer.getTopic().toString());
            assertEquals("pong:ping", text(answer));
            ByteBuffer data = answer.getCorrelationData().orElseThrow();
            byte[] echoed = new byte[data.remaining()];
            data.duplicate().get(echoed);
            assertArrayEquals(correlation, echoed);
        } finally {
            requester.disconnect();
        }
    }
}
