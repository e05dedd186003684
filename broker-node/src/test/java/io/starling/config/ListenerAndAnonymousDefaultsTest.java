package io.starling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which listeners a node opens and whether anonymous clients may connect, as in Mosquitto 2.0. */
class ListenerAndAnonymousDefaultsTest {

    private static final List<ListenerConfig> LOOPBACK_1883 = List.of(
            ListenerConfig.mqtt(1883, "127.0.0.1"), ListenerConfig.mqtt(1883, "::1"));

    @TempDir
    Path dir;

    @Test
    void withoutConfigFileListensOnLoopback1883AndAllowsAnonymous() {
        BrokerConfig config = BrokerConfig.defaults();

        assertEquals(LOOPBACK_1883, ConfigFiles.listenersWithoutSecurity(config));
        assertTrue(config.localOnly());
        assertTrue(config.security().allowAnonymous());
        assertNull(config.configFile());
    }

    @Test
    void withoutConfigFileEveryOptionHasMosquittoDefault() {
        BrokerConfig config = BrokerConfig.defaults();

        assertEquals(0, config.messageSizeLimit());
        assertEquals(0, config.maxPacketSize());
        assertEquals(20, config.maxInflightMessages());
        assertEquals(1000, config.maxQueuedMessages());
        assertEquals(0, config.maxQueuedBytes());
        assertEquals(65535, config.maxKeepalive());
        assertNull(config.clientidPrefixes());
        assertNull(config.persistentClientExpiration());
        assertTrue(config.retainAvailable());
        assertFalse(config.setTcpNodelay());
        assertFalse(config.persistence());
        assertEquals(Path.of("."), config.persistenceLocation());
        assertEquals(Duration.ofSeconds(1800), config.autosaveInterval());
        assertFalse(config.autosaveOnChanges());
        assertEquals(Duration.ofSeconds(10), config.sysInterval());
        assertEquals(List.of("stderr"), config.logDest());
        assertNull(config.logFile());
        assertEquals(Set.of("error", "warning", "notice", "information"), config.logTypes());
        assertTrue(config.logTimestamp());
        assertNull(config.logTimestampFormat());
        assertTrue(config.connectionMessages());
        assertFalse(config.verbose());
        for (ListenerConfig listener : ConfigFiles.listenersWithoutSecurity(config)) {
            assertEquals(-1, listener.maxConnections());
            assertFalse(listener.useUsernameAsClientid());
        }
    }

    @Test
    void configFileWithoutListenerRunsLocalOnlyWithAnonymous() throws Exception {
        Path conf = ConfigFiles.write(dir, "m.conf", "sys_interval 5");

        BrokerConfig config = ConfigParser.parse(conf);

        assertEquals(LOOPBACK_1883, ConfigFiles.listenersWithoutSecurity(config));
        assertTrue(config.security().allowAnonymous());
        assertEquals(conf, config.configFile());
    }

    @Test
    void listenerMakesAnonymousDefaultFalse() throws Exception {
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf", "listener 1884"));

        assertEquals(List.of(ListenerConfig.mqtt(1884, null)), ConfigFiles.listenersWithoutSecurity(config));
        assertFalse(config.localOnly());
        assertFalse(config.security().allowAnonymous());
    }

    @Test
    void explicitAllowAnonymousTrueOpensListenerToAnonymousClients() throws Exception {
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf",
                "allow_anonymous true", "listener 1884 127.0.0.1"));

        assertTrue(config.security().allowAnonymous());
    }

    @Test
    void explicitAllowAnonymousFalseIsHonouredEvenInLocalOnlyMode() throws Exception {
        // Mosquitto 2.0.11 forces anonymous access on in local-only mode; its man page says the
        // option only *defaults* to true there. Starling keeps the stricter, documented meaning.
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf", "allow_anonymous false"));

        assertTrue(config.localOnly());
        assertFalse(config.security().allowAnonymous());
    }

    @Test
    void portSetsDefaultListenerOnAllInterfacesAndAnonymousDefaultFalse() throws Exception {
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf", "port 1885"));

        assertEquals(List.of(ListenerConfig.mqtt(1885, null)), ConfigFiles.listenersWithoutSecurity(config));
        assertFalse(config.security().allowAnonymous());
    }

    @Test
    void lastPortWinsWithWarning() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf", "port 1885", "port 1886"));

            assertEquals(List.of(ListenerConfig.mqtt(1886, null)), ConfigFiles.listenersWithoutSecurity(config));
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("multiple times")));
        }
    }

    @Test
    void bindAddressBindsDefaultListenerOnPort1883() throws Exception {
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf", "bind_address 127.0.0.1"));

        assertEquals(List.of(ListenerConfig.mqtt(1883, "127.0.0.1")), ConfigFiles.listenersWithoutSecurity(config));
        assertFalse(config.security().allowAnonymous());
    }

    @Test
    void bindAddressAppliesToDefaultListenerEvenAfterListenerLine() throws Exception {
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf",
                "listener 1884", "port 1885", "bind_address 127.0.0.1"));

        assertEquals(List.of(ListenerConfig.mqtt(1884, null), ListenerConfig.mqtt(1885, "127.0.0.1")),
                ConfigFiles.listenersWithoutSecurity(config));
    }

    @Test
    void listenersKeepFileOrderAndDefaultListenerComesLast() throws Exception {
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf",
                "port 1890", "listener 1884 127.0.0.1", "listener 1885 localhost"));

        assertEquals(List.of(
                ListenerConfig.mqtt(1884, "127.0.0.1"),
                ListenerConfig.mqtt(1885, "localhost"),
                ListenerConfig.mqtt(1890, null)), ConfigFiles.listenersWithoutSecurity(config));
    }

    @Test
    void perListenerOptionsApplyToTheListenerAbove() throws Exception {
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf",
                "listener 1884",
                "max_connections 10",
                "listener 1885",
                "use_username_as_clientid true",
                "protocol mqtt"));

        assertEquals(List.of(
                new ListenerConfig(1884, null, "mqtt", 10, false, 10, SecurityConfig.open()),
                new ListenerConfig(1885, null, "mqtt", -1, true, 10, SecurityConfig.open())), ConfigFiles.listenersWithoutSecurity(config));
    }

    @Test
    void negativeMaxConnectionsMeansUnlimited() throws Exception {
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf",
                "listener 1884", "max_connections -5"));

        assertEquals(-1, config.listeners().get(0).maxConnections());
    }

    @Test
    void perListenerOptionBeforeAnyListenerOpensDefaultListenerOnAllInterfacesWithWarning() throws Exception {
        // Mosquitto 2.0.11 does open 0.0.0.0:1883 here (checked); it also lets anonymous clients in,
        // which its man page does not promise: Starling keeps anonymous access off.
        try (CapturedLog log = new CapturedLog()) {
            BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf",
                    "max_connections 100", "listener 1884 127.0.0.1"));

            assertEquals(List.of(
                    ListenerConfig.mqtt(1884, "127.0.0.1"),
                    new ListenerConfig(1883, null, "mqtt", 100, false, 10, SecurityConfig.open())), ConfigFiles.listenersWithoutSecurity(config));
            assertFalse(config.security().allowAnonymous());
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("m.conf:1: 'max_connections'")
                    && w.contains("default listener")), log.warnings().toString());
        }
    }

    @Test
    void perListenerOptionAtItsDefaultValueDoesNotOpenDefaultListener() throws Exception {
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf",
                "max_connections -1", "use_username_as_clientid false", "protocol mqtt", "listener 1884"));

        assertEquals(List.of(ListenerConfig.mqtt(1884, null)), ConfigFiles.listenersWithoutSecurity(config));
    }

    @Test
    void sameListenerTwiceIsRefusedAtSecondLine() throws Exception {
        Path conf = ConfigFiles.write(dir, "m.conf", "listener 1884", "listener 1884");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(conf));

        assertEquals(conf + ":2: listener on port 1884 (all interfaces) is defined twice", e.getMessage());
    }

    @Test
    void portClashingWithListenerIsRefused() throws Exception {
        Path conf = ConfigFiles.write(dir, "m.conf", "listener 1884", "port 1884");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(conf));

        assertEquals(2, e.line());
        assertEquals("port", e.option());
    }

    @Test
    void unresolvableListenerAddressIsRefused() throws Exception {
        Path conf = ConfigFiles.write(dir, "m.conf", "listener 1884 no-such-host.invalid");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(conf));

        assertEquals(conf + ":1: cannot resolve listener address 'no-such-host.invalid'", e.getMessage());
    }

    @Test
    void websocketsProtocolAppliesToTheListenerAbove() throws Exception {
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf",
                "listener 1883", "listener 8080 127.0.0.1", "protocol websockets"));

        assertEquals(List.of(
                ListenerConfig.mqtt(1883, null),
                new ListenerConfig(8080, "127.0.0.1", ListenerConfig.WEBSOCKETS, -1, false, 10, SecurityConfig.open())), ConfigFiles.listenersWithoutSecurity(config));
    }

    @Test
    void websocketsProtocolBeforeAnyListenerMakesTheDefaultListenerWebsockets() throws Exception {
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf", "port 9001", "protocol websockets"));

        assertEquals(List.of(new ListenerConfig(9001, null, ListenerConfig.WEBSOCKETS, -1, false, 10, SecurityConfig.open())),
                ConfigFiles.listenersWithoutSecurity(config));
    }

    @Test
    void websocketsHeadersSizeIsReadAndDefaultsToZero() throws Exception {
        assertEquals(0, BrokerConfig.defaults().websocketsHeadersSize());
        BrokerConfig config = ConfigParser.parse(ConfigFiles.write(dir, "m.conf",
                "websockets_headers_size 4096", "listener 8080", "protocol websockets"));

        assertEquals(4096, config.websocketsHeadersSize());
    }

    @Test
    void websocketsHeadersSizeOutOfRangeIsRefused() throws Exception {
        Path conf = ConfigFiles.write(dir, "m.conf", "websockets_headers_size 70000");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(conf));

        assertEquals(conf + ":1: invalid websockets_headers_size value '70000': must be between 0 and 65535",
                e.getMessage());
    }

    @Test
    void portOptionsGivenWithoutConfigOpenLoopbackListeners() throws Exception {
        BrokerConfig config = ConfigParser.parse(List.of("-p", "1901", "-p", "1902"));

        assertEquals(List.of(
                ListenerConfig.mqtt(1901, "127.0.0.1"), ListenerConfig.mqtt(1901, "::1"),
                ListenerConfig.mqtt(1902, "127.0.0.1"), ListenerConfig.mqtt(1902, "::1")), ConfigFiles.listenersWithoutSecurity(config));
        assertTrue(config.security().allowAnonymous());
    }

    @Test
    void portOptionReplacesDefaultPortWhenConfigHasNoListener() throws Exception {
        Path conf = ConfigFiles.write(dir, "m.conf", "sys_interval 5");

        BrokerConfig config = ConfigParser.parse(List.of("-c", conf.toString(), "-p", "1901"));

        assertEquals(List.of(ListenerConfig.mqtt(1901, "127.0.0.1"), ListenerConfig.mqtt(1901, "::1")),
                ConfigFiles.listenersWithoutSecurity(config));
        assertTrue(config.security().allowAnonymous());
    }

    @Test
    void portOptionIsIgnoredWithWarningWhenConfigDefinesListener() throws Exception {
        Path conf = ConfigFiles.write(dir, "m.conf", "listener 1884");
        try (CapturedLog log = new CapturedLog()) {
            BrokerConfig config = ConfigParser.parse(List.of("-p", "1901", "-c", conf.toString()));

            assertEquals(List.of(ListenerConfig.mqtt(1884, null)), ConfigFiles.listenersWithoutSecurity(config));
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("-p [1901] ignored")));
        }
    }
}
