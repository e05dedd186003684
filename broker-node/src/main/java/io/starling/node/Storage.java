package io.starling.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.starling.config.BrokerConfig;
import io.starling.config.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the node keeps its durable state. With {@code persistence true}: Pekko Persistence's JDBC
 * journal, snapshot store and read journal, on
 * <ul>
 *   <li>an embedded H2 database in one file, {@code <persistence_location>/starling.mv.db}, by
 *       default (nothing to install; one node);</li>
 *   <li>the database {@code storage_jdbc_url} names: PostgreSQL, which the nodes of a cluster
 *       share, or another H2 database.</li>
 * </ul>
 * {@link #prepare()} creates the tables where they are missing. With {@code persistence false}:
 * nothing at all; no plugin is configured and no file is created.
 *
 * <p>The Pekko settings, and why they are what they are, are in {@code storage-h2.conf} and
 * {@code storage-postgres.conf} next to this class.
 */
public final class Storage {

    private static final Logger log = LoggerFactory.getLogger(Storage.class);

    /** The database name: H2 adds {@code .mv.db}. */
    static final String DATABASE_NAME = "starling";
    /** H2's own default user, for the file database (which only this process opens). */
    private static final String H2_USER = "sa";

    /** Null when in memory. */
    private final StorageDialect dialect;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    /** The H2 file's directory, which prepare() creates; null for a database named by URL. */
    private final Path directory;

    private Storage(StorageDialect dialect, String jdbcUrl, String user, String password, Path directory) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.directory = directory;
    }

    /** No durable state: {@code persistence false}. */
    public static Storage inMemory() {
        return new Storage(null, null, null, null, null);
    }

    /** The H2 database file in {@code directory}. */
    public static Storage onDisk(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        // WRITE_DELAY=0 and DB_CLOSE_ON_EXIT=FALSE: see storage-h2.conf
        String url = "jdbc:h2:file:" + dir.resolve(DATABASE_NAME) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        return new Storage(StorageDialect.H2, url, H2_USER, "", dir);
    }

    /** The database {@code storage_jdbc_url} names, which the configuration has checked. */
    public static Storage jdbc(StorageConfig storage) {
        StorageDialect dialect = StorageDialect.of(storage.jdbcUrl());
        String user = storage.user() == null && dialect == StorageDialect.H2 ? H2_USER : storage.user();
        return new Storage(dialect, storage.jdbcUrl(), user, storage.password(), null);
    }

    public static Storage of(BrokerConfig config) {
        if (!config.persistence()) {
            return inMemory();
        }
        return config.storage().jdbcUrl() == null ? onDisk(config.persistenceLocation()) : jdbc(config.storage());
    }

    public boolean isDurable() {
        return dialect != null;
    }

    /** The H2 database file (which H2 creates on first use); null when in memory or named by URL. */
    public Path databaseFile() {
        return directory == null ? null : directory.resolve(DATABASE_NAME + ".mv.db");
    }

    /** The database for messages: the H2 file, or the URL without any password in it. */
    public String description() {
        if (directory != null) {
            return databaseFile().toString();
        }
        return jdbcUrl == null ? "(in memory)" : withoutPassword(jdbcUrl);
    }

    /** A URL may carry {@code password=...} (PostgreSQL's {@code ?password=}, H2's {@code ;PASSWORD=}). */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** Settings to put in front of the actor system's configuration; empty when in memory. */
    public Config pekkoConfig() {
        if (dialect == null) {
            return ConfigFactory.empty();
        }
        Map<String, String> values = new HashMap<>();
        values.put("starling-storage.url", jdbcUrl);
        // absent ones are left to the settings file (H2's user) or the driver (from the URL)
        if (user != null) {
            values.put("starling-storage.user", user);
        }
        if (password != null) {
            values.put("starling-storage.password", password);
        }
        return ConfigFactory.parseResources(Storage.class, dialect.pekkoSettings)
                .resolveWith(ConfigFactory.parseMap(values));
    }

    /**
     * Creates the H2 file's directory, and the tables where they are missing, then checks that the
     * tables are there; does nothing when in memory. Run it before the actor system starts, so the
     * journal finds its tables, and so that a database the node cannot use stops it at once.
     *
     * @throws IllegalStateException naming the database (never its password) and the cause, if it
     *                               cannot be reached or opened (e.g. another process has the H2
     *                               file open), or its tables cannot be created or are wrong
     */
    public void prepare() {
        if (dialect == null) {
            return;
        }
        if (directory != null) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create persistence_location " + directory + ": " + e, e);
            }
        }
        try (Connection connection = connect()) {
            StorageSchema.ensure(connection, dialect);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use the database " + description() + ": "
                    + withoutPassword(String.valueOf(e.getMessage())), e);
        }
        log.info("Persistent data in {}.", description());
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
