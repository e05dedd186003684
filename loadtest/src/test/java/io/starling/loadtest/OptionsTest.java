package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void faninDefaultsToManyPublishersIntoOneSubscriber() {
        Options o = Options.parse();

        assertEquals(Scenario.FANIN, o.scenario());
        assertEquals(8, o.publishers());
        assertEquals(1, o.subscribers());
        assertEquals("127.0.0.1", o.host());
        assertEquals(1, o.qos());
        assertEquals(64, o.payloadBytes());
        assertEquals(Duration.ofSeconds(10), o.duration());
        assertEquals(Duration.ofSeconds(2), o.warmup());
        assertEquals(MqttVersion.MQTT_3_1_1, o.mqttVersion());
        assertEquals(100, o.inflight());
    }

    @Test
    void fanoutDefaultsToOnePublisherIntoEightSubscribers() {
        Options o = Options.parse("--scenario", "fanout");

        assertEquals(1, o.publishers());
        assertEquals(8, o.subscribers());
    }

    @Test
    void givenOptionsOverrideDefaults() {
        Options o = Options.parse("--port=18830", "--scenario", "fanout", "--qos", "0", "--subscribers", "3",
                "--payload", "256", "--duration", "1.5s", "--warmup", "500ms", "--mqtt", "5", "--shared",
                "--username", "u", "--password", "p");

        assertEquals(18830, o.port());
        assertEquals(0, o.qos());
        assertEquals(3, o.subscribers());
        assertEquals(256, o.payloadBytes());
        assertEquals(Duration.ofMillis(1500), o.duration());
        assertEquals(Duration.ofMillis(500), o.warmup());
        assertEquals(MqttVersion.MQTT_5, o.mqttVersion());
        assertTrue(o.shared());
        assertEquals("u", o.username());
        assertEquals("p", o.password());
    }

    @Test
    void nonLoopbackHostIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.parse("--host", "10.0.0.5"));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--host", "broker.example.com"));
    }

    @Test
    void loopbackAddressesAreAccepted() {
        assertTrue(LoopbackHost.isLoopback("127.0.0.1"));
        assertTrue(LoopbackHost.isLoopback("127.1.2.3"));
        assertTrue(LoopbackHost.isLoopback("::1"));
        assertTrue(LoopbackHost.isLoopback("[::1]"));
        assertTrue(LoopbackHost.isLoopback("localhost"));
        assertFalse(LoopbackHost.isLoopback("0.0.0.0"));
        assertFalse(LoopbackHost.isLoopback("192.168.1.1"));
        assertFalse(LoopbackHost.isLoopback("localhost.example.com"));
        assertFalse(LoopbackHost.isLoopback(""));
    }

    @Test
    void durationsAcceptCommonUnits() {
        assertEquals(Duration.ofSeconds(10), Options.parseDuration("10s"));
        assertEquals(Duration.ofSeconds(10), Options.parseDuration("10"));
        assertEquals(Duration.ofMillis(250), Options.parseDuration("250ms"));
        assertEquals(Duration.ofMinutes(2), Options.parseDuration("2m"));
        assertThrows(IllegalArgumentException.class, () -> Options.parseDuration("soon"));
        assertThrows(IllegalArgumentException.class, () -> Options.parseDuration("-1s"));
    }

    @Test
    void runLongerThanAnHourIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--duration", "2h"));
    }

    @Test
    void qos2IsNotSupportedYet() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--qos", "2"));
    }

    @Test
    void passwordWithoutUserNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--password", "secret"));
    }

    @Test
    void unknownOptionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--speed", "fast"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--port"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("fanin"));
    }

    @Test
    void payloadTooSmallForTheHeaderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--payload", "8"));
    }

    @Test
    void pairsTakeOneNumberForBothSides() {
        Options byDefault = Options.parse("--scenario", "pairs");
        Options byPublishers = Options.parse("--scenario", "pairs", "--publishers", "3");
        Options bySubscribers = Options.parse("--scenario", "pairs", "--subscribers", "5");

        assertEquals(8, byDefault.publishers());
        assertEquals(8, byDefault.subscribers());
        assertEquals(3, byPublishers.subscribers());
        assertEquals(5, bySubscribers.publishers());
    }

    @Test
    void pairsWithUnequalSidesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse("--scenario", "pairs", "--publishers", "3", "--subscribers", "4"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--scenario", "pairs", "--shared"));
    }

    @Test
    void latencyPublishesAtTwentyThousandPerSecondUnlessARateIsGiven() {
        assertEquals(20_000, Options.parse("--scenario", "latency").rate());
        assertEquals(5_000, Options.parse("--scenario", "latency", "--rate", "5000").rate());
        assertEquals(0, Options.parse("--scenario", "fanin").rate());
    }

    @Test
    void cleanSessionCanBeTurnedOff() {
        assertTrue(Options.parse().cleanSession());
        assertFalse(Options.parse("--clean-session", "false").cleanSession());
        assertFalse(Options.parse("--clean-session=no").cleanSession());
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--clean-session", "maybe"));
    }

    @Test
    void connectScenarioTakesItsOwnOptions() {
        Options o = Options.parse("--scenario", "connect", "--connections", "19000", "--hold", "30s",
                "--broker-pid", "4242", "--source-addresses", "127.0.0.2,127.0.0.3", "--connect-window", "50",
                "--connect-rate", "2000", "--keepalive", "20");

        assertEquals(19_000, o.connections());
        assertEquals(Duration.ofSeconds(30), o.hold());
        assertEquals(4242, o.brokerPid());
        assertEquals(List.of("127.0.0.2", "127.0.0.3"), o.sourceAddresses().addresses());
        assertEquals(50, o.connectWindow());
        assertEquals(2_000, o.connectRate());
        assertEquals(20, o.keepAliveSeconds());
        assertEquals(0, o.publishers());
        assertEquals(0, o.subscribers());
    }

    @Test
    void connectScenarioDefaultsToAThousandConnectionsHeldTenSecondsWithoutMemoryFigures() {
        Options o = Options.parse("--scenario", "connect");

        assertEquals(1_000, o.connections());
        assertEquals(Duration.ofSeconds(10), o.hold());
        assertEquals(0, o.brokerPid());
        assertTrue(o.sourceAddresses().isAny());
        assertEquals(100, o.connectWindow());
    }

    @Test
    void badConnectOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--scenario", "connect", "--connections", "0"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--broker-pid", "-5"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--connect-window", "0"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--source-addresses", "10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--scenario", "connect", "--shared"));
    }

    @Test
    void subscribersConnectToThePublishersPortUnlessSubPortIsGiven() {
        Options same = Options.parse("--port", "18830");
        assertEquals(18830, same.port());
        assertEquals(18830, same.subPort());

        Options crossNode = Options.parse("--port", "18830", "--sub-port", "18831", "--scenario", "pairs");
        assertEquals(18830, crossNode.port());
        assertEquals(18831, crossNode.subPort());

        assertEquals(1883, Options.parse().subPort());
        assertEquals(19000, Options.parse("--sub-port=19000").subPort());
    }

    @Test
    void badSubPortIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--sub-port", "0"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--sub-port", "65536"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--sub-port", "node2"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--sub-port"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--scenario", "connect", "--sub-port", "1884"));
    }
}
