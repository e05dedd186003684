package io.starling.config;

import java.nio.file.Path;

/**
 * Who may connect through a listener and what they may do there: Mosquitto's security options.
 * With {@code per_listener_settings false} (the default) every listener has the same one, from
 * the options wherever they stand in the file; with {@code true}, each listener has the options
 * that follow its {@code listener} line.
 *
 * @param allowAnonymous clients without a username may connect [false as soon as a listener is
 *     configured, true in local-only mode]
 * @param passwordFile {@code password_file}: usernames and password hashes in mosquitto_passwd's
 *     format; null = usernames are not checked
 * @param aclFile {@code acl_file}: who may read and write which topics; null = everyone everything
 * @param dynsecFile {@code plugin_opt_config_file} of {@code plugin dynamic-security}: the dynamic
 *     security plugin's JSON file; null when the plugin is not enabled
 */
public record SecurityConfig(boolean allowAnonymous, Path passwordFile, Path aclFile, Path dynsecFile) {

    /** Anonymous clients allowed, nothing checked: Mosquitto's local-only mode. */
    public static SecurityConfig open() {
        return new SecurityConfig(true, null, null, null);
    }
}
