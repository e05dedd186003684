package io.starling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** include_dir reads a directory's *.conf files where the line is, in Mosquitto's order. */
class IncludeDirTest {

    @TempDir
    Path dir;

    @Test
    void includedFilesAreReadInMosquittoOrder() throws Exception {
        // The order Mosquitto 2.0.11 loaded these names in (checked by running it).
        List<String> expectedOrder = List.of("00", "01", "A", "Ab", "a", "aa", "B", "b", "Z", "_x");
        List<String> shuffled = List.of("b", "_x", "A", "01", "aa", "a", "Z", "B", "00", "Ab");
        for (int i = 0; i < shuffled.size(); i++) {
            String name = shuffled.get(i);
            ConfigFiles.write(dir, "conf.d/" + name + ".conf", "listener " + portFor(expectedOrder, name));
        }
        ConfigFiles.write(dir, "conf.d/notes.txt", "not a config file");
        ConfigFiles.write(dir, "conf.d/upper.CONF", "not a config file either");
        Path main = ConfigFiles.write(dir, "main.conf", "include_dir " + dir.resolve("conf.d"));

        BrokerConfig config = ConfigParser.parse(main);

        List<Integer> ports = config.listeners().stream().map(ListenerConfig::port).toList();
        assertEquals(List.of(2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009), ports);
    }

    private static int portFor(List<String> order, String name) {
        return 2000 + order.indexOf(name);
    }

    @Test
    void includedFilesAreReadAtThePlaceOfTheLine() throws Exception {
        ConfigFiles.write(dir, "conf.d/a.conf", "listener 2001");
        Path main = ConfigFiles.write(dir, "main.conf",
                "listener 2000", "include_dir " + dir.resolve("conf.d"), "listener 2002");

        List<Integer> ports = ConfigParser.parse(main).listeners().stream().map(ListenerConfig::port).toList();

        assertEquals(List.of(2000, 2001, 2002), ports);
    }

    @Test
    void errorInIncludedFileNamesThatFileAndLine() {
        Path included = ConfigFiles.write(dir, "conf.d/limits.conf", "# limits", "max_keepalive 1");
        Path main = ConfigFiles.write(dir, "main.conf", "include_dir " + dir.resolve("conf.d"));

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(main));

        assertEquals(included, e.file());
        assertEquals(2, e.line());
        assertEquals("max_keepalive", e.option());
    }

    @Test
    void perListenerOptionAtTopOfIncludedFileConfiguresDefaultListener() throws Exception {
        // Mosquitto starts each file again from the default listener.
        ConfigFiles.write(dir, "conf.d/a.conf", "max_connections 5");
        Path main = ConfigFiles.write(dir, "main.conf", "listener 2000", "include_dir " + dir.resolve("conf.d"));

        BrokerConfig config = ConfigParser.parse(main);

        assertEquals(List.of(ListenerConfig.mqtt(2000, null), new ListenerConfig(1883, null, "mqtt", 5, false, 10, SecurityConfig.open())),
                ConfigFiles.listenersWithoutSecurity(config));
    }

    @Test
    void includeDirInsideIncludedFileIsIgnoredWithWarning() throws Exception {
        ConfigFiles.write(dir, "deeper/x.conf", "listener 2009");
        ConfigFiles.write(dir, "conf.d/a.conf", "include_dir " + dir.resolve("deeper"), "listener 2001");
        Path main = ConfigFiles.write(dir, "main.conf", "include_dir " + dir.resolve("conf.d"));
        try (CapturedLog log = new CapturedLog()) {
            BrokerConfig config = ConfigParser.parse(main);

            assertEquals(List.of(ListenerConfig.mqtt(2001, null)), ConfigFiles.listenersWithoutSecurity(config));
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("a.conf:1: include_dir ignored")),
                    log.warnings().toString());
        }
    }

    @Test
    void missingIncludeDirIsRefused() {
        Path main = ConfigFiles.write(dir, "main.conf", "listener 2000", "include_dir " + dir.resolve("nope"));

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(main));

        assertEquals(main + ":2: unable to open include_dir '" + dir.resolve("nope") + "'", e.getMessage());
    }

    @Test
    void includeDirHoldingMainFileIsRefused() {
        Path main = ConfigFiles.write(dir, "main.conf", "include_dir " + dir);

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(main));

        assertEquals(1, e.line());
        assertTrue(e.reason().contains("must not contain the main config file"), e.getMessage());
    }

    @Test
    void directoryNamedConfInIncludeDirIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("conf.d/sub.conf"));
        Path main = ConfigFiles.write(dir, "main.conf", "include_dir " + dir.resolve("conf.d"));

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(main));

        assertEquals(dir.resolve("conf.d/sub.conf") + ": config file is a directory", e.getMessage());
    }

    @Test
    void settingsFromIncludedFilesCountForDuplicates() {
        ConfigFiles.write(dir, "conf.d/a.conf", "persistence_location /b/");
        Path main = ConfigFiles.write(dir, "main.conf", "persistence_location /a/", "include_dir " + dir.resolve("conf.d"));

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(main));

        assertEquals(dir.resolve("conf.d/a.conf"), e.file());
        assertTrue(e.reason().contains("already set at " + main + ":1"), e.getMessage());
    }
}
