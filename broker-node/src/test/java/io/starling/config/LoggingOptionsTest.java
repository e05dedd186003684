package io.starling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** log_dest and log_type lines accumulate, and the first one replaces the default, as in Mosquitto. */
class LoggingOptionsTest {

    @TempDir
    Path dir;

    private BrokerConfig parse(String... lines) throws ConfigException {
        return ConfigParser.parse(ConfigFiles.write(dir, "m.conf", lines));
    }

    @Test
    void logTypeLinesAccumulateAndReplaceDefault() throws Exception {
        BrokerConfig config = parse("log_type error", "log_type subscribe");

        assertEquals(Set.of("error", "subscribe"), config.logTypes());
    }

    @Test
    void logTypeNoneClearsAndAllEnablesEverything() throws Exception {
        assertEquals(Set.of(), parse("log_type all", "log_type none").logTypes());
        assertEquals(BrokerConfig.ALL_LOG_TYPES, parse("log_type none", "log_type all").logTypes());
        assertEquals(Set.of("debug"), parse("log_type error", "log_type none", "log_type debug").logTypes());
    }

    @Test
    void verboseFlagLogsEveryTypeWhateverTheFileSays() throws Exception {
        Path conf = ConfigFiles.write(dir, "m.conf", "log_type error");

        BrokerConfig config = ConfigParser.parse(List.of("-c", conf.toString(), "-v"));

        assertTrue(config.verbose());
        assertEquals(BrokerConfig.ALL_LOG_TYPES, config.logTypes());
    }

    @Test
    void logDestLinesAccumulateAndReplaceDefault() throws Exception {
        BrokerConfig config = parse("log_dest stdout", "log_dest file /var/log/starling/broker log.txt");

        assertEquals(List.of("stdout", "file"), config.logDest());
        assertEquals(Path.of("/var/log/starling/broker log.txt"), config.logFile());
    }

    @Test
    void logDestNoneDisablesLogging() throws Exception {
        BrokerConfig config = parse("log_dest file /tmp/x.log", "log_dest none");

        assertEquals(List.of(), config.logDest());
        assertNull(config.logFile());
    }

    @Test
    void secondLogFileIsRefused() {
        Path conf = ConfigFiles.write(dir, "m.conf", "log_dest file /tmp/a.log", "log_dest file /tmp/b.log");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(conf));

        assertEquals(2, e.line());
        assertEquals("log_dest", e.option());
    }

    @Test
    void logDestFileNeedsPath() {
        Path conf = ConfigFiles.write(dir, "m.conf", "log_dest file");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(conf));

        assertEquals(conf + ":1: missing file name for \"log_dest file\"", e.getMessage());
    }

    @Test
    void syslogTopicAndDltDestinationsAreRefused() {
        for (String dest : List.of("syslog", "topic", "dlt")) {
            Path conf = ConfigFiles.write(dir, "m.conf", "log_dest " + dest);

            ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(conf));

            assertEquals(conf + ":1: log_dest " + dest + " is not supported by Starling (use stdout, stderr or file)",
                    e.getMessage());
        }
    }
}
