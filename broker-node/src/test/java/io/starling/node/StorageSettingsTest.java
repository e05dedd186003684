package io.starling.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.starling.config.StorageConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which settings and table script each database gets (no database needed). */
class StorageSettingsTest {

    private static final String DB = "pekko-persistence-jdbc.shared-databases.starling";

    @Test
    void postgresqlUrlGetsThePostgresProfileDriverAndCredentials() {
        Storage storage = Storage.jdbc(new StorageConfig("jdbc:postgresql://127.0.0.1:5432/starling", "broker", "pw"));

        Config config = storage.pekkoConfig().resolve();

        assertTrue(storage.isDurable());
        assertNull(storage.databaseFile());
        assertEquals("slick.jdbc.PostgresProfile$", config.getString(DB + ".profile"));
        assertEquals("org.postgresql.Driver", config.getString(DB + ".db.driver"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/starling", config.getString(DB + ".db.url"));
        assertEquals("broker", config.getString(DB + ".db.user"));
        assertEquals("pw", config.getString(DB + ".db.password"));
        assertEquals("jdbc-journal", config.getString("pekko.persistence.journal.plugin"));
        assertEquals("starling", config.getString("jdbc-read-journal.use-shared-db"));
    }

    @Test
    void withoutUserAndPasswordTheDriverDecides() {
        Config config = Storage.jdbc(new StorageConfig("jdbc:postgresql://h/db?user=u", null, null)).pekkoConfig();

        assertFalse(config.hasPath(DB + ".db.user"));
        assertFalse(config.hasPath(DB + ".db.password"));
    }

    @Test
    void h2FileGetsTheH2ProfileAndOneTransactionAtATime() {
        Storage storage = Storage.onDisk(Path.of("/tmp/somewhere"));

        Config config = storage.pekkoConfig();

        assertEquals("slick.jdbc.H2Profile$", config.getString(DB + ".profile"));
        assertTrue(config.getString(DB + ".db.url").startsWith("jdbc:h2:file:/tmp/somewhere/starling;"));
        assertEquals("sa", config.getString(DB + ".db.user"));
        assertEquals(1, config.getInt("jdbc-journal.parallelism"));
        assertEquals(Path.of("/tmp/somewhere/starling.mv.db"), storage.databaseFile());
    }

    @Test
    void descriptionNeverShowsAPassword() {
        Storage storage = Storage.jdbc(new StorageConfig(
                "jdbc:postgresql://h:5432/db?user=u&password=hunter2&ssl=true", null, "other-secret"));

        assertEquals("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true", storage.description());
        assertEquals("jdbc:h2:tcp://h/x;USER=sa;PASSWORD=***", Storage.withoutPassword("jdbc:h2:tcp://h/x;USER=sa;PASSWORD=pw"));
    }

    @Test
    void everyCreateIndexOfTheShippedScriptsMayRunTwice() {
        for (StorageDialect dialect : StorageDialect.values()) {
            List<String> statements = StorageSchema.statements(dialect.schemaScript);

            assertFalse(statements.isEmpty(), dialect.name());
            for (String sql : statements) {
                String upper = sql.toUpperCase();
                if (upper.startsWith("CREATE")) {
                    assertTrue(upper.contains("IF NOT EXISTS"), sql);
                    assertFalse(upper.contains("CONCURRENTLY"), sql); // would deadlock nodes starting together
                }
            }
        }
    }
}
