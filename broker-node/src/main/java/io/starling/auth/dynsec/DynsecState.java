package io.starling.auth.dynsec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything Mosquitto's dynamic-security plugin knows, as one immutable value: default access,
 * clients, groups, roles and the anonymous group. Maps iterate in {@code strcmp} order of their
 * keys, as Mosquitto lists and saves them. Group membership is held by the groups only; a client's
 * groups are derived ({@link #groupsOf}).
 *
 * @param defaultAccess  what applies when no rule matches
 * @param clients        by username
 * @param groups         by group name
 * @param roles          by role name
 * @param anonymousGroup the group whose roles apply to clients without a username, or null
 */
public record DynsecState(DefaultAccess defaultAccess, SortedMap<String, DynsecClient> clients,
                          SortedMap<String, DynsecGroup> groups, SortedMap<String, DynsecRole> roles,
                          String anonymousGroup) {

    /** What the plugin holds with an empty file. */
    public static final DynsecState EMPTY = new DynsecState(DefaultAccess.NONE, new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>(), null);

    public DynsecState {
        Objects.requireNonNull(defaultAccess, "defaultAccess");
        clients = sorted(clients);
        groups = sorted(groups);
        roles = sorted(roles);
    }

    private static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        TreeMap<String, V> copy = new TreeMap<>(CStrings.ORDER);
        copy.putAll(map);
        return Collections.unmodifiableSortedMap(copy);
    }

    public DynsecClient client(String username) {
        return username == null ? null : clients.get(username);
    }

    public DynsecGroup group(String groupname) {
        return groupname == null ? null : groups.get(groupname);
    }

    public DynsecRole role(String rolename) {
        return rolename == null ? null : roles.get(rolename);
    }

    /** The groups {@code username} belongs to, in evaluation order (priority descending, then name). */
    public List<GroupRef> groupsOf(String username) {
        List<GroupRef> out = new ArrayList<>();
        for (DynsecGroup group : groups.values()) {
            for (ClientRef member : group.clients()) {
                if (member.username().equals(username)) {
                    out.add(new GroupRef(group.groupname(), member.priority()));
                }
            }
        }
        out.sort(Ordering.GROUPS);
        return List.copyOf(out);
    }

    public DynsecState withDefaultAccess(DefaultAccess access) {
        return new DynsecState(access, clients, groups, roles, anonymousGroup);
    }

    public DynsecState withAnonymousGroup(String groupname) {
        return new DynsecState(defaultAccess, clients, groups, roles, groupname);
    }

    public DynsecState with(DynsecClient client) {
        TreeMap<String, DynsecClient> copy = new TreeMap<>(clients);
        copy.put(client.username(), client);
        return new DynsecState(defaultAccess, copy, groups, roles, anonymousGroup);
    }

    public DynsecState with(DynsecGroup group) {
        TreeMap<String, DynsecGroup> copy = new TreeMap<>(groups);
        copy.put(group.groupname(), group);
        return new DynsecState(defaultAccess, clients, copy, roles, anonymousGroup);
    }

    public DynsecState with(DynsecRole role) {
        TreeMap<String, DynsecRole> copy = new TreeMap<>(roles);
        copy.put(role.rolename(), role);
        return new DynsecState(defaultAccess, clients, groups, copy, anonymousGroup);
    }

    /** Without the client, and without it in any group. */
    public DynsecState withoutClient(String username) {
        TreeMap<String, DynsecClient> copy = new TreeMap<>(clients);
        copy.remove(username);
        DynsecState out = new DynsecState(defaultAccess, copy, groups, roles, anonymousGroup);
        return out.withoutMember(username);
    }

    /** With {@code username} removed from every group. */
    public DynsecState withoutMember(String username) {
        DynsecState out = this;
        for (DynsecGroup group : groups.values()) {
            if (group.hasClient(username)) {
                out = out.with(group.withClients(group.clients().stream()
                        .filter(c -> !c.username().equals(username)).toList()));
            }
        }
        return out;
    }

    /** Without the group; if it was the anonymous group there is no anonymous group any more. */
    public DynsecState withoutGroup(String groupname) {
        TreeMap<String, DynsecGroup> copy = new TreeMap<>(groups);
        copy.remove(groupname);
        String anonymous = groupname.equals(anonymousGroup) ? null : anonymousGroup;
        return new DynsecState(defaultAccess, clients, copy, roles, anonymous);
    }

    /** Without the role, and without it in any client or group. */
    public DynsecState withoutRole(String rolename) {
        TreeMap<String, DynsecRole> roleCopy = new TreeMap<>(roles);
        roleCopy.remove(rolename);
        TreeMap<String, DynsecClient> clientCopy = new TreeMap<>(clients);
        clientCopy.replaceAll((name, c) -> c.hasRole(rolename) ? c.withRoles(without(c.roles(), rolename)) : c);
        TreeMap<String, DynsecGroup> groupCopy = new TreeMap<>(groups);
        groupCopy.replaceAll((name, g) -> g.hasRole(rolename) ? g.withRoles(without(g.roles(), rolename)) : g);
        return new DynsecState(defaultAccess, clientCopy, groupCopy, roleCopy, anonymousGroup);
    }

    static List<RoleRef> without(List<RoleRef> roles, String rolename) {
        return roles.stream().filter(r -> !r.rolename().equals(rolename)).toList();
    }
}
