package io.starling.auth.dynsec;

/**
 * A role given to a client or a group. Roles are tried highest priority first, then by name.
 *
 * @param rolename the role
 * @param priority -1 when not given (then not written to files or answers)
 */
public record RoleRef(String rolename, int priority) {
}
