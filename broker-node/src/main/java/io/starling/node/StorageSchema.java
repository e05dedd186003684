package io.starling.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables pekko-persistence-jdbc's journal, snapshot store and read journal use: checked on
 * every start, created from the script in its jar when missing. The check comes first, so a
 * database whose tables an administrator created needs no right to create tables.
 */
final class StorageSchema {

    private static final Logger log = LoggerFactory.getLogger(StorageSchema.class);

    /**
     * Each table Starling uses and the columns the plugin reads and writes (as in its scripts;
     * the {@code durable_state} table the scripts also create is not used by Starling).
     */
    static final Map<String, List<String>> TABLES = tables();


    /**
     * The scripts' CREATE INDEX statements lack IF NOT EXISTS (all of PostgreSQL's, one of H2's), so
     * they would fail on every start after the first: it is added where missing. PostgreSQL's use
     * CONCURRENTLY, which waits for every other open transaction, among them a node's that waits
     * for the schema lock this one holds: a deadlock when nodes start together. It is dropped: the
     * indexes are made with their (empty) tables, when no one uses them yet.
     */
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "(?i)^(CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+)(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?");

    private StorageSchema() {
    }

    private static Map<String, List<String>> tables() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("event_journal", List.of("ordering", "persistence_id", "sequence_number", "deleted", "writer",
                "write_timestamp", "adapter_manifest", "event_ser_id", "event_ser_manifest", "event_payload",
                "meta_ser_id", "meta_ser_manifest", "meta_payload"));
        tables.put("event_tag", List.of("event_id", "tag"));
        tables.put("snapshot", List.of("persistence_id", "sequence_number", "created", "snapshot_ser_id",
                "snapshot_ser_manifest", "snapshot_payload", "meta_ser_id", "meta_ser_manifest", "meta_payload"));
        return Collections.unmodifiableMap(tables); // in this order in messages
    }

    /**
     * Makes sure the tables are there, creating them when one is missing.
     *
     * @throws SQLException naming the tables and what is wrong with them, if they cannot be created
     *                      or are not as the plugin expects them
     */
    static void ensure(Connection connection, StorageDialect dialect) throws SQLException {
        Map<String, String> problems = problems(connection);
        if (problems.isEmpty()) {
            return;
        }
        log.info("Creating the tables {} (missing or incomplete).", problems.keySet());
        try {
            create(connection, dialect);
        } catch (SQLException e) {
            throw new SQLException(describe(problems) + ", and creating them failed: " + firstLine(e.getMessage()),
                    e.getSQLState(), e);
        }
        problems = problems(connection);
        if (!problems.isEmpty()) {
            throw new SQLException(describe(problems), null, null);
        }
    }

    private static String describe(Map<String, String> problems) {
        return "the tables are not as pekko-persistence-jdbc expects them ("
                + String.join("; ", problems.entrySet().stream().map(p -> p.getKey() + ": " + p.getValue()).toList())
                + ")";
    }

    /** What is wrong with each table the plugin uses, as the database says it; empty when nothing. */
    private static Map<String, String> problems(Connection connection) throws SQLException {
        Map<String, String> problems = new LinkedHashMap<>();
        connection.setAutoCommit(true); // a failed query must not spoil the next one (PostgreSQL)
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, List<String>> table : TABLES.entrySet()) {
                // quoted: the scripts create lower-case names, which H2 would otherwise upper-case
                String columns = String.join(", ", table.getValue().stream().map(c -> '"' + c + '"').toList());
                try {
                    statement.executeQuery("select " + columns + " from \"" + table.getKey() + "\" where 1 = 0")
                            .close();
                } catch (SQLException e) {
                    problems.put(table.getKey(), firstLine(e.getMessage()));
                }
            }
        }
        return problems;
    }

    private static void create(Connection connection, StorageDialect dialect) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (dialect.lockSchema != null) {
                statement.execute(dialect.lockSchema);
            }
            try {
                for (String sql : statements(dialect.schemaScript)) {
                    statement.execute(sql);
                }
            } finally {
                if (dialect.unlockSchema != null) {
                    statement.execute(dialect.unlockSchema);
                }
            }
        }
    }

    /** The script's statements, each made idempotent. */
    static List<String> statements(String script) {
        try (InputStream in = StorageSchema.class.getClassLoader().getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException(script + " not found: is pekko-persistence-jdbc on the class path?");
            }
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split(";"))
                    .map(String::strip)
                    .filter(sql -> !sql.isEmpty())
                    .map(sql -> CREATE_INDEX.matcher(sql).replaceFirst("$1IF NOT EXISTS "))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** H2's messages append the SQL and a stack of details; the first line is the reason. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
