package io.starling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** password_file, acl_file, allow_anonymous, dynamic security and per_listener_settings, as Mosquitto reads them. */
class SecurityOptionsTest {

    @TempDir
    Path dir;

    private BrokerConfig parse(String... lines) throws ConfigException {
        return ConfigParser.parse(ConfigFiles.write(dir, "m.conf", lines));
    }

    private List<SecurityConfig> listenerSecurity(BrokerConfig config) {
        return config.listeners().stream().map(ListenerConfig::security).toList();
    }

    @Test
    void securityOptionsApplyToEveryListenerWithoutPerListenerSettings() throws Exception {
        Path passwords = ConfigFiles.write(dir, "passwd", "alice:x");
        Path acl = ConfigFiles.write(dir, "acl", "topic read #");
        BrokerConfig config = parse(
                "listener 1884",
                "password_file " + passwords,
                "listener 1885",
                "acl_file " + acl,
                "allow_anonymous true");

        SecurityConfig expected = new SecurityConfig(true, passwords, acl, null);
        assertEquals(List.of(expected, expected), listenerSecurity(config));
        assertEquals(expected, config.security());
        assertFalse(config.perListenerSettings());
    }

    @Test
    void perListenerSettingsGiveEachListenerTheOptionsAfterIt() throws Exception {
        Path passwords = ConfigFiles.write(dir, "passwd", "alice:x");
        BrokerConfig config = parse(
                "per_listener_settings true",
                "listener 1884",
                "password_file " + passwords,
                "listener 1885",
                "allow_anonymous true");

        assertEquals(List.of(new SecurityConfig(false, passwords, null, null),
                new SecurityConfig(true, null, null, null)), listenerSecurity(config));
        assertTrue(config.perListenerSettings());
    }

    @Test
    void anonymousClientsAreRefusedByDefaultOnceAListenerIsConfigured() throws Exception {
        assertFalse(listenerSecurity(parse("listener 1884")).get(0).allowAnonymous());
        assertTrue(listenerSecurity(parse()).get(0).allowAnonymous());
    }

    @Test
    void dynamicSecurityIsEnabledByEitherPluginLine() throws Exception {
        Path json = dir.resolve("dynsec.json");
        for (String plugin : List.of("dynamic-security", "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so")) {
            BrokerConfig config = parse("listener 1884", "plugin " + plugin, "plugin_opt_config_file " + json);
            assertEquals(json, config.security().dynsecFile());
        }
        assertNull(parse("listener 1884", "plugin_opt_config_file " + json).security().dynsecFile());
    }

    @Test
    void otherPluginsAreRefusedNamingTheLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse("listener 1884", "plugin /usr/lib/mosquitto_auth_by_env.so"));
        assertEquals(2, e.line());
        assertEquals("plugin", e.option());
    }

    @Test
    void dynamicSecurityWithoutItsConfigFileIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("listener 1884", "plugin dynamic-security"));
        assertEquals(2, e.line());
        assertTrue(e.reason().contains("plugin_opt_config_file"), e.reason());
    }

    @Test
    void missingPasswordFileIsRefusedNamingTheLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse("listener 1884", "password_file " + dir.resolve("nowhere")));
        assertEquals(2, e.line());
        assertEquals("password_file", e.option());
    }

    @Test
    void authFailureLimitIsReadAndDefaultsToTen() throws Exception {
        assertEquals(10, parse().authFailureLimit());
        assertEquals(3, parse("auth_failure_limit 3").authFailureLimit());
        assertEquals(0, parse("auth_failure_limit 0").authFailureLimit());
    }
}
