package io.starling.auth.dynsec;

/**
 * The plugin's answer to a username and password. {@link #DEFER} means "not mine": another security
 * source may decide; with none, Mosquitto refuses a client with a username and admits an anonymous
 * one only if {@code allow_anonymous} is true.
 */
public enum AuthResult {
    /** Known, enabled client, right client id, right password. */
    ACCEPT,
    /** Known client, but disabled, wrong client id or wrong password. */
    REFUSE,
    /** No username or no password given, unknown username, or a client without password. */
    DEFER
}
