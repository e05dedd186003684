package io.starling.it;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, empty PostgreSQL database for one test, on the local server that
 * {@code bin/postgres-local} sets up (role {@code starling}, password {@code starling}, which may
 * create databases). Its name is random ({@code it_<hex>}), so tests and test runs never share
 * tables.
 *
 * <p>Per test, as a JUnit 5 extension:
 * {@code @RegisterExtension final PostgresDatabase database = PostgresDatabase.perTest();} creates
 * the database before each test and drops it after. Declare it before a {@link NodeProcess}
 * extension that uses it: extensions start in declaration order. The name, and so
 * {@link #jdbcUrl()} and {@link #nodeConfig()}, is known from construction on.
 *
 * <p>For a whole class or a tool (e.g. a cluster test), {@link #create()} creates one at once and
 * {@link #close()} drops it.
 *
 * <p>A test using it fails (never skips) when no server answers: CI must not pass without having
 * tested PostgreSQL. The server is {@code 127.0.0.1:5432} unless the system properties
 * {@code starling.postgres.host} / {@code starling.postgres.port} say otherwise.
 */
public final class PostgresDatabase implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    public static final String USER = "starling";
    public static final String PASSWORD = "starling";
    /** The database bin/postgres-local creates; new ones are created from a connection to it. */
    private static final String ADMIN_DATABASE = "starling";

    private final String name;
    private boolean created;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** A database created before each test and dropped after it (register as an extension). */
    public static PostgresDatabase perTest() {
        return new PostgresDatabase(randomName());
    }

    /** A database created now; {@link #close()} drops it. */
    public static PostgresDatabase create() {
        PostgresDatabase database = perTest();
        database.createDatabase();
        return database;
    }

    private static String randomName() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return "it_" + HexFormat.of().formatHex(bytes);
    }

    public static String host() {
        return System.getProperty("starling.postgres.host", "127.0.0.1");
    }

    public static int port() {
        return Integer.getInteger("starling.postgres.port", 5432);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return jdbcUrl(name);
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** The mosquitto.conf lines that put a node's durable state in this database. */
    public String nodeConfig() {
        return "persistence true\n"
                + "storage_jdbc_url " + jdbcUrl() + "\n"
                + "storage_jdbc_user " + USER + "\n"
                + "storage_jdbc_password " + PASSWORD + "\n";
    }

    /** A connection to this database as the role starling, for a test to look at the tables. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        createDatabase();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Drops the database, even while a (killed) node's connections are still open. */
    @Override
    public void close() {
        if (!created) {
            return;
        }
        admin("drop database if exists " + name + " with (force)");
        created = false;
    }

    private void createDatabase() {
        admin("create database " + name);
        created = true;
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    private static void admin(String sql) {
        String url = jdbcUrl(ADMIN_DATABASE);
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("cannot '" + sql + "' on the PostgreSQL server at " + host() + ":" + port()
                    + " as role " + USER + " (" + e.getMessage() + "); run bin/postgres-local to set one up"
                    + " (or give another server with -Dstarling.postgres.host=... -Dstarling.postgres.port=...)", e);
        }
    }
}
