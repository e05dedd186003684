package io.starling.config;

/**
 * Where a node with {@code persistence true} keeps its durable state (Starling's {@code storage_}
 * options). Without a URL it is the embedded H2 file under {@code persistence_location}, the
 * single-node default; a cluster shares one PostgreSQL database named by {@code storage_jdbc_url}.
 *
 * @param jdbcUrl {@code storage_jdbc_url}: a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL
 *     [null = the H2 file under persistence_location]
 * @param user {@code storage_jdbc_user} [null = the driver's default]
 * @param password {@code storage_jdbc_password} [null = none]
 */
public record StorageConfig(String jdbcUrl, String user, String password) {

    /** The JDBC URL schemes Starling has settings (and a table script) for. */
    public static final String POSTGRESQL = "jdbc:postgresql:";
    public static final String H2 = "jdbc:h2:";

    /** No {@code storage_} option given: the H2 file. */
    public static StorageConfig defaults() {
        return new StorageConfig(null, null, null);
    }

    /** Never shows the password: a record's own toString would, and configs end up in logs. */
    @Override
    public String toString() {
        return "StorageConfig[jdbcUrl=" + jdbcUrl + ", user=" + user
                + ", password=" + (password == null ? null : "***") + "]";
    }
}
