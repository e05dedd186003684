package io.starling.auth.dynsec;

import java.util.List;
import java.util.Objects;

/**
 * A group of clients sharing roles.
 *
 * @param groupname       never null
 * @param textName        free text or null
 * @param textDescription free text or null
 * @param roles           in evaluation order (priority descending, then name)
 * @param clients         the members, by username
 */
public record DynsecGroup(String groupname, String textName, String textDescription, List<RoleRef> roles,
                          List<ClientRef> clients) {

    public DynsecGroup {
        Objects.requireNonNull(groupname, "groupname");
        roles = List.copyOf(roles);
        clients = List.copyOf(clients);
    }

    /** A new empty group. */
    public static DynsecGroup named(String groupname) {
        return new DynsecGroup(groupname, null, null, List.of(), List.of());
    }

    public DynsecGroup withTextName(String text) {
        return new DynsecGroup(groupname, text, textDescription, roles, clients);
    }

    public DynsecGroup withTextDescription(String text) {
        return new DynsecGroup(groupname, textName, text, roles, clients);
    }

    public DynsecGroup withRoles(List<RoleRef> list) {
        return new DynsecGroup(groupname, textName, textDescription, list, clients);
    }

    public DynsecGroup withClients(List<ClientRef> list) {
        return new DynsecGroup(groupname, textName, textDescription, roles, list);
    }

    public boolean hasRole(String rolename) {
        return roles.stream().anyMatch(r -> r.rolename().equals(rolename));
    }

    public boolean hasClient(String username) {
        return clients.stream().anyMatch(c -> c.username().equals(username));
    }
}
