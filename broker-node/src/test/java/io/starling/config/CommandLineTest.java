package io.starling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** bin/starling takes Mosquitto's flags. */
class CommandLineTest {

    @Test
    void noArgumentsMeansNoConfigFile() throws Exception {
        assertEquals(CommandLine.none(), CommandLine.parse(List.of()));
    }

    @Test
    void shortFlagsAreRead() throws Exception {
        CommandLine cl = CommandLine.parse(List.of("-c", "/etc/starling/starling.conf", "-p", "1884", "-v", "-p", "1885"));

        assertEquals(new CommandLine(Path.of("/etc/starling/starling.conf"), List.of(1884, 1885), true, false), cl);
    }

    @Test
    void longFlagsAreRead() throws Exception {
        CommandLine cl = CommandLine.parse(List.of("--config-file", "a.conf", "--port", "1884", "--verbose", "--help"));

        assertEquals(new CommandLine(Path.of("a.conf"), List.of(1884), true, true), cl);
    }

    @Test
    void helpIsReportedToCaller() throws Exception {
        CommandLine cl = CommandLine.parse(List.of("-h"));

        assertTrue(cl.help());
        assertNull(cl.configFile());
        assertFalse(cl.verbose());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-d", "--daemon"})
    void daemonModeIsRefused(String flag) {
        ConfigException e = assertThrows(ConfigException.class, () -> CommandLine.parse(List.of(flag)));

        assertEquals(flag, e.option());
        assertNull(e.file());
        assertTrue(e.getMessage().contains("not supported: run Starling in the foreground under a service manager"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "abc", "-1"})
    void invalidPortIsRefused(String port) {
        ConfigException e = assertThrows(ConfigException.class, () -> CommandLine.parse(List.of("-p", port)));

        assertEquals("invalid port '" + port + "' for -p: must be between 1 and 65535", e.getMessage());
    }

    @Test
    void flagWithoutItsValueIsRefused() {
        ConfigException c = assertThrows(ConfigException.class, () -> CommandLine.parse(List.of("-c")));
        ConfigException p = assertThrows(ConfigException.class, () -> CommandLine.parse(List.of("-v", "-p")));

        assertEquals("-c argument given, but no config file specified", c.getMessage());
        assertEquals("-p argument given, but no port specified", p.getMessage());
    }

    @Test
    void atMostTenPortsAreAccepted() throws Exception {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < CommandLine.MAX_PORTS; i++) {
            args.add("-p");
            args.add(String.valueOf(2000 + i));
        }
        assertEquals(10, CommandLine.parse(args).ports().size());

        args.add("-p");
        args.add("2010");
        assertThrows(ConfigException.class, () -> CommandLine.parse(args));
    }

    @Test
    void secondConfigFileIsRefused() {
        assertThrows(ConfigException.class, () -> CommandLine.parse(List.of("-c", "a.conf", "-c", "b.conf")));
    }

    @Test
    void unknownFlagIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> CommandLine.parse(List.of("--foo")));

        assertEquals("unknown option '--foo'", e.getMessage());
    }

    @Test
    void usageListsEveryFlag() {
        String usage = CommandLine.usage();

        assertTrue(usage.contains("Usage: starling [-c config_file] [-h] [-p port] [-v]"), usage);
        for (String flag : List.of(" -c :", " -h :", " -p :", " -v :")) {
            assertTrue(usage.contains(flag), flag);
        }
    }

    @Test
    void configErrorsFromCommandLineFileCarryThatFile() {
        Path missing = Path.of("/nonexistent/starling.conf");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse(List.of("-c", missing.toString())));

        assertEquals(missing, e.file());
    }
}
