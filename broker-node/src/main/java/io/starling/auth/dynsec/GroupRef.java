package io.starling.auth.dynsec;

/**
 * A group a client belongs to, as seen from the client. Groups are tried highest priority first,
 * then by name.
 *
 * @param groupname the group
 * @param priority  -1 when not given
 */
public record GroupRef(String groupname, int priority) {
}
