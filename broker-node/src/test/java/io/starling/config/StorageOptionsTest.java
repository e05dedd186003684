package io.starling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Starling's storage_jdbc_* options: which database {@code persistence true} uses. */
class StorageOptionsTest {

    @TempDir
    Path dir;

    private BrokerConfig parse(String... lines) throws ConfigException {
        return ConfigParser.parse(ConfigFiles.write(dir, "m.conf", lines));
    }

    private ConfigException error(String... lines) {
        Path conf = ConfigFiles.write(dir, "bad.conf", lines);
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(conf));
    }

    @Test
    void withoutStorageOptionsTheH2FileIsUsed() throws ConfigException {
        BrokerConfig config = parse("persistence true");

        assertEquals(StorageConfig.defaults(), config.storage());
        assertNull(config.storage().jdbcUrl());
        assertEquals(StorageConfig.defaults(), BrokerConfig.defaults().storage());
    }

    @Test
    void postgresqlUrlUserAndPasswordAreRead() throws ConfigException {
        BrokerConfig config = parse(
                "storage_jdbc_url jdbc:postgresql://db.example:5432/starling?sslmode=require",
                "storage_jdbc_user broker",
                "storage_jdbc_password s3cret with spaces",
                "persistence true");

        assertEquals(new StorageConfig("jdbc:postgresql://db.example:5432/starling?sslmode=require",
                "broker", "s3cret with spaces"), config.storage());
    }

    @Test
    void h2UrlIsAccepted() throws ConfigException {
        BrokerConfig config = parse("persistence true", "storage_jdbc_url jdbc:h2:tcp://127.0.0.1/~/starling");

        assertEquals("jdbc:h2:tcp://127.0.0.1/~/starling", config.storage().jdbcUrl());
        assertNull(config.storage().user());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://127.0.0.1/starling", "postgresql://127.0.0.1/starling", "jdbc:postgres://x/y",
        "jdbc:sqlite:/tmp/x.db"})
    void otherUrlSchemesAreAnErrorNamingFileLineAndOption(String url) {
        ConfigException e = error("persistence true", "# the database", "storage_jdbc_url " + url);

        assertEquals(dir.resolve("bad.conf"), e.file());
        assertEquals(3, e.line());
        assertEquals("storage_jdbc_url", e.option());
        assertEquals(dir.resolve("bad.conf") + ":3: invalid storage_jdbc_url '" + url
                + "': must start with jdbc:postgresql: or jdbc:h2:", e.getMessage());
    }

    @Test
    void urlWithoutPersistenceIsAnErrorNamingTheUrlLine() {
        ConfigException e = error("listener 1884", "storage_jdbc_url jdbc:postgresql://127.0.0.1/starling");

        assertEquals(dir.resolve("bad.conf") + ":2: storage_jdbc_url needs persistence true", e.getMessage());
        assertEquals("storage_jdbc_url", e.option());
    }

    @Test
    void urlWithPersistenceTurnedOffLaterIsAnError() {
        ConfigException e = error("persistence true", "storage_jdbc_url jdbc:postgresql://127.0.0.1/starling",
                "persistence false");

        assertEquals(2, e.line());
        assertTrue(e.reason().contains("needs persistence true"), e.getMessage());
    }

    @Test
    void userAndPasswordAloneNeedNoPersistence() throws ConfigException {
        // harmless: they only matter with a URL, and a template may carry them
        BrokerConfig config = parse("storage_jdbc_user broker", "storage_jdbc_password pw");

        assertFalse(config.persistence());
        assertEquals("broker", config.storage().user());
    }

    @Test
    void eachStorageOptionMayBeGivenOnce() {
        ConfigException e = error("persistence true", "storage_jdbc_user a", "storage_jdbc_user b");

        assertEquals(3, e.line());
        assertTrue(e.reason().startsWith("duplicate storage_jdbc_user value"), e.getMessage());
    }

    @Test
    void storageOptionWithoutValueIsAnError() {
        ConfigException e = error("persistence true", "storage_jdbc_url");

        assertEquals(dir.resolve("bad.conf") + ":2: missing value for 'storage_jdbc_url'", e.getMessage());
    }

    @Test
    void passwordIsNotShownByToString() {
        StorageConfig storage = new StorageConfig("jdbc:postgresql://h/db", "u", "hunter2");

        assertFalse(storage.toString().contains("hunter2"), storage.toString());
    }
}
