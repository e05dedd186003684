package io.starling.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.starling.config.BrokerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the node keeps its durable state. With {@code persistence true}: Pekko Persistence's JDBC
 * journal, snapshot store and read journal on an embedded H2 database in one file,
 * {@code <persistence_location>/starling.mv.db}, created with its tables on first start (nothing to
 * install). With {@code persistence false}: nothing at all; no plugin is configured and no file is
 * created.
 *
 * <p>The Pekko settings, and why they are what they are, are in {@code storage-h2.conf} next to
 * this class.
 */
public final class Storage {

    private static final Logger log = LoggerFactory.getLogger(Storage.class);

    /** The database name: H2 adds {@code .mv.db}. */
    static final String DATABASE_NAME = "starling";
    /** Tables as pekko-persistence-jdbc expects them; the script ships in its jar. */
    private static final String SCHEMA_SCRIPT = "schema/h2/h2-create-schema.sql";
    /** H2's "index already exists" (the script's one CREATE INDEX has no IF NOT EXISTS). */
    private static final int INDEX_ALREADY_EXISTS = 42111;

    private final Path directory;

    private Storage(Path directory) {
        this.directory = directory;
    }

    /** No durable state: {@code persistence false}. */
    public static Storage inMemory() {
        return new Storage(null);
    }

    /** The H2 database in {@code directory}. */
    public static Storage onDisk(Path directory) {
        return new Storage(directory.toAbsolutePath().normalize());
    }

    public static Storage of(BrokerConfig config) {
        return config.persistence() ? onDisk(config.persistenceLocation()) : inMemory();
    }

    public boolean isDurable() {
        return directory != null;
    }

    /** The database file (which H2 creates on first use); null when in memory. */
    public Path databaseFile() {
        return directory == null ? null : directory.resolve(DATABASE_NAME + ".mv.db");
    }

    /** The JDBC URL of the database; see storage-h2.conf for its settings. */
    String jdbcUrl() {
        return "jdbc:h2:file:" + directory.resolve(DATABASE_NAME) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Settings to put in front of the actor system's configuration; empty when in memory. */
    public Config pekkoConfig() {
        if (directory == null) {
            return ConfigFactory.empty();
        }
        Config values = ConfigFactory.parseMap(Map.of("starling-storage.url", jdbcUrl()));
        return ConfigFactory.parseResources(Storage.class, "storage-h2.conf").resolveWith(values);
    }

    /**
     * Creates the directory, the database and its tables where they are missing; does nothing when
     * in memory. Run it before the actor system starts, so the journal finds its tables.
     *
     * @throws IllegalStateException if the database cannot be opened (for instance because another
     *                               process has it open) or the tables cannot be created
     */
    public void prepare() {
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create persistence_location " + directory + ": " + e, e);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "sa", "");
                Statement statement = connection.createStatement()) {
            for (String sql : schemaStatements()) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    if (e.getErrorCode() != INDEX_ALREADY_EXISTS) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database " + databaseFile() + ": " + e.getMessage(), e);
        }
        log.info("Persistent data in {}.", databaseFile());
    }

    private static String[] schemaStatements() {
        try (InputStream in = Storage.class.getClassLoader().getResourceAsStream(SCHEMA_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_SCRIPT + " not found: is pekko-persistence-jdbc on the class path?");
            }
            return java.util.Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split(";"))
                    .map(String::strip)
                    .filter(sql -> !sql.isEmpty())
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
