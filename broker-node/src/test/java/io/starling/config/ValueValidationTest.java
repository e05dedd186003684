package io.starling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every value is checked as Mosquitto 2.0.11 checks it, and errors say file, line and option. */
class ValueValidationTest {

    @TempDir
    Path dir;

    private BrokerConfig parse(String... lines) throws ConfigException {
        return ConfigParser.parse(ConfigFiles.write(dir, "m.conf", lines));
    }

    /** The error for {@code bad}, written as line 3 after a comment and a valid line. */
    private ConfigException errorAtLine3(String bad) {
        Path conf = ConfigFiles.write(dir, "bad.conf", "# a comment", "listener 1884", bad);
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(conf));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "max_keepalive 9", "max_keepalive 65536", "max_keepalive abc",
        "max_packet_size 19", "max_packet_size 0",
        "message_size_limit 268435456", "message_size_limit -1",
        "sys_interval 65536", "sys_interval -1", "sys_interval 5x",
        "max_inflight_messages 65536",
        "max_queued_messages 1.5", "max_queued_bytes ten",
        "autosave_interval soon",
        "allow_anonymous yes", "persistence maybe", "retain_available on", "set_tcp_nodelay 2",
        "use_username_as_clientid yes", "autosave_on_changes no", "log_timestamp y",
        "connection_messages off", "per_listener_settings nope",
        "port 0", "port 65536", "port abc",
        "listener 65536", "listener abc", "listener 0", "listener 0 /tmp/mqtt.sock",
        "max_connections many",
        "persistent_client_expiration 5x",
        "log_type bogus", "log_dest bogus", "protocol bogus",
        "allow_anonymous", "max_keepalive", "persistence_location", "listener",
        "sys_interval 5 6", "allow_anonymous true false", "listener 1885 127.0.0.1 extra",
    })
    void invalidValueErrorNamesFileLineAndOption(String bad) {
        ConfigException e = errorAtLine3(bad);

        String option = bad.split(" ")[0];
        Path conf = dir.resolve("bad.conf");
        assertEquals(conf, e.file());
        assertEquals(3, e.line());
        assertEquals(option, e.option());
        assertTrue(e.getMessage().startsWith(conf + ":3: "), e.getMessage());
        assertTrue(e.reason().contains(option), e.getMessage());
    }

    @Test
    void errorMessageSaysWhatIsAllowed() {
        ConfigException e = errorAtLine3("max_keepalive 5");

        assertEquals(dir.resolve("bad.conf") + ":3: invalid max_keepalive value '5': must be between 10 and 65535",
                e.getMessage());
    }

    @Test
    void unknownOptionIsRefused() {
        ConfigException e = errorAtLine3("foo_bar 1");

        assertEquals(dir.resolve("bad.conf") + ":3: unknown option 'foo_bar'", e.getMessage());
        assertEquals("foo_bar", e.option());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tls_engine pkcs11", "dhparamfile dh.pem", "tls_keyform engine", "auth_plugin /usr/lib/x.so",
        "psk_file psk.txt", "psk_hint hint", "connection bridge-1", "address 10.0.0.1:1883",
        "auth_opt_db_host localhost", "plugin_opt_other x", "bridge_cafile ca.pem",
        "allow_zero_length_clientid false", "mount_point tenant/", "max_qos 1", "upgrade_outgoing_qos true",
    })
    void unsupportedMosquittoOptionIsRefused(String line) {
        ConfigException e = errorAtLine3(line);

        String option = line.split(" ")[0];
        assertEquals(dir.resolve("bad.conf") + ":3: option '" + option + "' is not supported by Starling",
                e.getMessage());
    }

    @Test
    void perListenerSettingsFalseIsAccepted() throws Exception {
        parse("per_listener_settings false", "listener 1884");
    }

    @Test
    void numericLimitsAreRead() throws Exception {
        BrokerConfig config = parse(
                "message_size_limit 268435455",
                "max_packet_size 20",
                "max_inflight_messages 1",
                "max_queued_messages 5",
                "max_queued_bytes 10000000000",
                "max_keepalive 10",
                "sys_interval 0",
                "autosave_interval 60");

        assertEquals(268435455, config.messageSizeLimit());
        assertEquals(20, config.maxPacketSize());
        assertEquals(1, config.maxInflightMessages());
        assertEquals(5, config.maxQueuedMessages());
        assertEquals(10_000_000_000L, config.maxQueuedBytes());
        assertEquals(10, config.maxKeepalive());
        assertEquals(Duration.ZERO, config.sysInterval());
        assertEquals(Duration.ofSeconds(60), config.autosaveInterval());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-3", "0", "65535"})
    void maxInflightMessagesNegativeOr65535MeansUnlimited(String value) throws Exception {
        assertEquals(0, parse("max_inflight_messages " + value).maxInflightMessages());
    }

    @Test
    void negativeQueueLimitsAndAutosaveMeanZero() throws Exception {
        BrokerConfig config = parse("max_queued_messages -1", "max_queued_bytes -1", "autosave_interval -5");

        assertEquals(0, config.maxQueuedMessages());
        assertEquals(0, config.maxQueuedBytes());
        assertEquals(Duration.ZERO, config.autosaveInterval());
    }

    @Test
    void booleansAcceptTrueFalseAndMosquittosOneZero() throws Exception {
        BrokerConfig config = parse(
                "retain_available false", "set_tcp_nodelay true", "persistence 1",
                "autosave_on_changes 1", "log_timestamp 0", "connection_messages false");

        assertFalse(config.retainAvailable());
        assertTrue(config.setTcpNodelay());
        assertTrue(config.persistence());
        assertTrue(config.autosaveOnChanges());
        assertFalse(config.logTimestamp());
        assertFalse(config.connectionMessages());
    }

    @ParameterizedTest
    @CsvSource({"1h, PT1H", "14d, PT336H", "2w, PT336H", "2m, PT1440H", "1y, PT8760H"})
    void persistentClientExpirationReadsMosquittoDurations(String value, Duration expected) throws Exception {
        assertEquals(expected, parse("persistent_client_expiration " + value).persistentClientExpiration());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0d", "d", "1.5d", "5x", "-1d", "14", "99999999999999999y"})
    void persistentClientExpirationRefusesOtherSyntax(String value) {
        ConfigException e = errorAtLine3("persistent_client_expiration " + value);

        assertEquals("persistent_client_expiration", e.option());
        assertTrue(e.reason().contains("'" + value + "'"), e.getMessage());
    }

    @Test
    void textValuesKeepSpacesAndDropTrailingComment() throws Exception {
        BrokerConfig config = parse(
                "clientid_prefixes secure-",
                "persistence_location /var/lib/my starling/   # where data lives",
                "log_timestamp_format %Y-%m-%d %H:%M:%S");

        assertEquals("secure-", config.clientidPrefixes());
        assertEquals(Path.of("/var/lib/my starling/"), config.persistenceLocation());
        assertEquals("%Y-%m-%d %H:%M:%S", config.logTimestampFormat());
    }

    @Test
    void textOptionSetTwiceIsRefusedNamingFirstPlace() {
        Path conf = ConfigFiles.write(dir, "m.conf", "persistence_location /a/", "persistence_location /b/");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(conf));

        assertEquals(conf + ":2: duplicate persistence_location value (already set at " + conf + ":1)",
                e.getMessage());
    }

    @Test
    void commentsBlankLinesTabsAndTrailingCommentsAreUnderstood() throws Exception {
        BrokerConfig config = parse(
                "# Starling",
                "",
                "   ",
                "  # indented comment",
                "listener\t1884   # plain MQTT",
                "max_keepalive\t\t60",
                "\r");

        assertEquals(List.of(ListenerConfig.mqtt(1884, null)), ConfigFiles.listenersWithoutSecurity(config));
        assertEquals(60, config.maxKeepalive());
    }

    @Test
    void harmlessOptionsAreAcceptedWithWarning() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            parse("user mosquitto", "pid_file /run/mosquitto.pid", "persistence_file mosquitto.db");

            List<String> warnings = log.warnings();
            assertTrue(warnings.stream().anyMatch(w -> w.contains(":1: 'user' ignored")), warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.contains(":2: 'pid_file' ignored")), warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.contains(":3: 'persistence_file' names nothing")),
                    warnings.toString());
        }
    }

    @Test
    void missingConfigFileIsReportedWithoutLine() {
        Path missing = dir.resolve("nope.conf");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(missing));

        assertEquals(missing + ": unable to open config file: no such file", e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void configFileThatIsDirectoryIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(dir));

        assertEquals(dir + ": config file is a directory", e.getMessage());
    }

    @Test
    void persistentClientExpirationIsNullUnlessSet() throws Exception {
        assertNull(parse("listener 1884").persistentClientExpiration());
    }
}
