package io.starling.auth.dynsec;

/**
 * A client in a group, with the priority of that group for the client.
 *
 * @param username the client
 * @param priority -1 when not given (then not written to files or answers)
 */
public record ClientRef(String username, int priority) {
}
