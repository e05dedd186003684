package io.starling.node;

import io.starling.config.StorageConfig;

/**
 * The databases Starling keeps its state in, and what differs between them: the Pekko settings
 * (next to this class) and pekko-persistence-jdbc's table script (in its jar).
 */
enum StorageDialect {

    /** Embedded H2: the single-node default, a file under persistence_location. */
    H2("storage-h2.conf", "schema/h2/h2-create-schema.sql", null, null),

    /**
     * PostgreSQL, shared by the nodes of a cluster. Nodes starting at the same moment would create
     * the same tables at once, which PostgreSQL can fail ("duplicate key ... pg_type") even with
     * IF NOT EXISTS; a session-level advisory lock lets one node create them at a time. Its key is
     * any constant of Starling's own: "STARLING" in ASCII.
     */
    POSTGRES("storage-postgres.conf", "schema/postgres/postgres-create-schema.sql",
            "select pg_advisory_lock(6004496024914710087)", "select pg_advisory_unlock(6004496024914710087)");

    /** The Pekko settings, a resource next to {@link Storage}. */
    final String pekkoSettings;
    /** The table script pekko-persistence-jdbc ships for this database. */
    final String schemaScript;
    /** SQL that makes other nodes wait while this one creates tables; null when not needed. */
    final String lockSchema;
    final String unlockSchema;

    StorageDialect(String pekkoSettings, String schemaScript, String lockSchema, String unlockSchema) {
        this.pekkoSettings = pekkoSettings;
        this.schemaScript = schemaScript;
        this.lockSchema = lockSchema;
        this.unlockSchema = unlockSchema;
    }

    /** The dialect of a JDBC URL that the configuration has accepted. */
    static StorageDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith(StorageConfig.POSTGRESQL)) {
            return POSTGRES;
        }
        if (jdbcUrl.startsWith(StorageConfig.H2)) {
            return H2;
        }
        throw new IllegalArgumentException("no storage settings for " + jdbcUrl);
    }
}
