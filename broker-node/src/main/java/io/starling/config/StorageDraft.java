package io.starling.config;

/**
 * The {@code storage_} options while files are read; {@link #build} checks them against
 * {@code persistence} once every file is read, because the two may come in either order.
 */
final class StorageDraft {

    private ConfigLine url;
    private String user;
    private String password;

    /** Reads one {@code storage_} line; each may be given once. */
    void apply(ConfigLine line, ConfigDraft draft) throws ConfigException {
        String value = draft.onceText(line);
        switch (line.option()) {
            case "storage_jdbc_url" -> {
                if (!value.startsWith(StorageConfig.POSTGRESQL) && !value.startsWith(StorageConfig.H2)) {
                    throw line.error("invalid storage_jdbc_url '" + value + "': must start with "
                            + StorageConfig.POSTGRESQL + " or " + StorageConfig.H2);
                }
                url = line;
            }
            case "storage_jdbc_user" -> user = value;
            case "storage_jdbc_password" -> password = value;
            default -> throw line.error("unknown option '" + line.option() + "'");
        }
    }

    StorageConfig build(boolean persistence) throws ConfigException {
        if (url != null && !persistence) {
            // nothing would be stored, and a user who names a database expects it to be used
            throw url.error("storage_jdbc_url needs persistence true");
        }
        return new StorageConfig(url == null ? null : url.wholeText(), user, password);
    }
}
