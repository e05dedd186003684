package io.starling.it.core;

import static io.starling.it.raw.RawClient.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.starling.it.TestBroker;
import io.starling.it.raw.RawClient;
import io.starling.it.raw.RawConnect;
import io.starling.it.raw.RawPacket;
import io.starling.it.raw.RawPackets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mosquitto.conf options that act on client ids: clientid_prefixes, use_username_as_clientid. */
class ClientIdOptionsIT {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration QUIET = Duration.ofMillis(500);

    private static int connackCode(TestBroker broker, RawConnect connect) {
        try (RawClient c = RawClient.connect(broker, connect)) {
            int code = c.expect(RawPacket.CONNACK, WAIT).connackReturnCode();
            if (code != 0) {
                assertTrue(c.awaitClosedByBroker(WAIT), "a refused connection is closed");
            }
            return code;
        }
    }

    @Test
    void clientidPrefixesAcceptsOnlyClientIdsWithThePrefix() {
        try (TestBroker broker = TestBroker.start("clientid_prefixes sensor-\n")) {
            assertEquals(0, connackCode(broker, RawConnect.mqtt311("sensor-42")));
            // Mosquitto refuses the others with return code 5, not authorized
            assertEquals(5, connackCode(broker, RawConnect.mqtt311("actuator-1")));
            assertEquals(5, connackCode(broker, RawConnect.mqtt311("Sensor-42")), "the prefix is case sensitive");
            assertEquals(5, connackCode(broker, RawConnect.mqtt31("x-sensor-1")));
        }
    }

    @Test
    void useUsernameAsClientidRefusesAClientWithoutUsername() {
        try (TestBroker broker = TestBroker.start("use_username_as_clientid true\n")) {
            assertEquals(5, connackCode(broker, RawConnect.mqtt311("anonymous-one")));
            assertEquals(0, connackCode(broker, RawConnect.mqtt311("named-one").withUsername("alice")));
        }
    }

    @Test
    void useUsernameAsClientidMakesTwoClientIdsOfOneUserTakeEachOtherOver() {
        try (TestBroker broker = TestBroker.start("use_username_as_clientid true\n");
                RawClient first = RawClient.connected(broker, RawConnect.mqtt311("phone").withUsername("bob"));
                RawClient second = RawClient.connected(broker, RawConnect.mqtt311("laptop").withUsername("bob"))) {
            assertTrue(first.awaitClosedByBroker(WAIT), "same username, same session: the first is taken over");
            try (RawClient other = RawClient.connected(broker, RawConnect.mqtt311("phone").withUsername("carol"))) {
                assertEquals(List.of(), second.drain(QUIET), "another user with the old client id takes nothing over");
                second.send(RawPackets.pingreq());
                second.expect(RawPacket.PINGRESP, WAIT);
            }
        }
    }

    @Test
    void useUsernameAsClientidKeysThePersistentSessionByUsername() {
        try (TestBroker broker = TestBroker.start("use_username_as_clientid true\n")) {
            try (RawClient c = RawClient.connected(broker,
                    RawConnect.mqtt311("device-a").withUsername("dave").withCleanSession(false))) {
                c.subscribe(1, "user/dave", 1);
                c.send(RawPackets.disconnect());
                assertTrue(c.awaitClosedByBroker(WAIT));
            }
            Mqtt3BlockingClient pub = HiveClients.client(broker, "ignored-id");
            pub.connectWith().simpleAuth().username("publisher").applySimpleAuth().send();
            pub.publishWith().topic("user/dave").payload(utf8("for dave")).qos(MqttQos.AT_LEAST_ONCE).send();
            pub.disconnect();

            try (RawClient c = RawClient.connect(broker,
                    RawConnect.mqtt311("device-b").withUsername("dave").withCleanSession(false))) {
                RawPacket connack = c.expect(RawPacket.CONNACK, WAIT);
                assertEquals(0, connack.connackReturnCode());
                assertTrue(connack.sessionPresent(), "the session belongs to the username, not the client id");
                assertEquals("for dave", c.expectPublish(WAIT).payloadText());
            }
        }
    }
}
