package io.starling.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The security options while the files are read: the node's own, or with
 * {@code per_listener_settings true} one per listener.
 */
final class SecurityDraft {

    /** Null until an {@code allow_anonymous} line; the default depends on the listeners. */
    Boolean allowAnonymous;
    Path passwordFile;
    Path aclFile;
    /** A {@code plugin} line enabling dynamic security was read (it needs its config file). */
    ConfigLine dynsecPlugin;
    Path dynsecFile;

    /** The names Mosquitto's dynamic-security plugin goes by in a {@code plugin} line. */
    static boolean isDynamicSecurity(String plugin) {
        String name = Path.of(plugin).getFileName().toString();
        return plugin.equals("dynamic-security") || name.equals("mosquitto_dynamic_security.so");
    }

    void apply(ConfigLine line) throws ConfigException {
        switch (line.option()) {
            case "allow_anonymous" -> allowAnonymous = line.bool();
            case "password_file" -> passwordFile = readableFile(line);
            case "acl_file" -> aclFile = readableFile(line);
            case "plugin" -> {
                String plugin = line.wholeText();
                if (!isDynamicSecurity(plugin)) {
                    throw line.error("plugin '" + plugin + "' is not supported by Starling: its only plugin is"
                            + " dynamic security, built in ('plugin dynamic-security')");
                }
                if (dynsecPlugin != null) {
                    throw line.error("dynamic security is already enabled at " + dynsecPlugin.where());
                }
                dynsecPlugin = line;
            }
            case "plugin_opt_config_file" -> dynsecFile = path(line);
            default -> throw new IllegalArgumentException("not a security option: " + line.option());
        }
    }

    SecurityConfig build(boolean defaultAllowAnonymous) throws ConfigException {
        if (dynsecPlugin != null && dynsecFile == null) {
            throw dynsecPlugin.error("dynamic security needs 'plugin_opt_config_file' (its JSON file)");
        }
        return new SecurityConfig(Objects.requireNonNullElse(allowAnonymous, defaultAllowAnonymous),
                passwordFile, aclFile, dynsecPlugin == null ? null : dynsecFile);
    }

    /** Mosquitto refuses to start when a password or ACL file cannot be opened; so does Starling. */
    private static Path readableFile(ConfigLine line) throws ConfigException {
        Path file = path(line);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw line.error("cannot open " + line.option() + " '" + file + "'");
        }
        return file;
    }

    private static Path path(ConfigLine line) throws ConfigException {
        String value = line.wholeText();
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw line.error("invalid " + line.option() + " path '" + value + "'");
        }
    }
}
