package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/** The group commands of the plugin, with Mosquitto 2.0's checks, answers and disconnections. */
final class GroupCommands {

    private GroupCommands() {
    }

    static DynsecGroup withMember(DynsecGroup group, String username, int priority) {
        return group.withClients(Ordering.insert(group.clients(), new ClientRef(username, priority), Ordering.CLIENTS));
    }

    static void create(Batch b, JsonNode cmd, String corr) {
        String c = "createGroup";
        String groupname = Args.name(b, c, cmd, Args.GROUPNAME, corr);
        if (groupname == null) {
            return;
        }
        Args.Texts texts = Args.texts(b, c, cmd, corr);
        if (texts == null) {
            return;
        }
        if (b.state.group(groupname) != null) {
            b.reply(c, "Group already exists", corr);
            return;
        }
        Args.Roles roles = Args.roles(b.state, cmd);
        if (roles.status() == Args.RolesStatus.ROLE_NOT_FOUND) {
            b.reply(c, "Role not found", corr);
            return;
        }
        if (roles.status() == Args.RolesStatus.INVALID) {
            b.reply(c, "Internal error", corr); // sic: createGroup does not name the bad role list
            return;
        }
        b.state = b.state.with(new DynsecGroup(groupname, texts.name(), texts.description(), roles.roles(),
                List.of()));
        b.save();
        b.reply(c, null, corr);
    }

    static void delete(Batch b, JsonNode cmd, String corr) {
        String c = "deleteGroup";
        DynsecGroup group = find(b, c, cmd, corr);
        if (group == null) {
            return;
        }
        b.kickGroup(group);
        b.state = b.state.withoutGroup(group.groupname());
        b.save();
        b.reply(c, null, corr);
    }

    static void addClient(Batch b, JsonNode cmd, String corr) {
        String c = "addGroupClient";
        String username = Args.name(b, c, cmd, Args.USERNAME, corr);
        String groupname = username == null ? null : Args.name(b, c, cmd, Args.GROUPNAME, corr);
        if (groupname == null) {
            return;
        }
        int priority = Json.intOr(cmd, "priority", -1);
        DynsecGroup group = b.state.group(groupname);
        if (b.state.client(username) == null) {
            b.reply(c, "Client not found", corr);
        } else if (group == null) {
            b.reply(c, "Group not found", corr);
        } else if (group.hasClient(username)) {
            b.reply(c, "Client is already in this group", corr);
        } else {
            b.state = b.state.with(withMember(group, username, priority));
            b.save();
            b.reply(c, null, corr);
        }
        b.kick(username); // Mosquitto kicks the username whatever the outcome
    }

    static void removeClient(Batch b, JsonNode cmd, String corr) {
        String c = "removeGroupClient";
        String username = Args.name(b, c, cmd, Args.USERNAME, corr);
        String groupname = username == null ? null : Args.name(b, c, cmd, Args.GROUPNAME, corr);
        if (groupname == null) {
            return;
        }
        DynsecGroup group = b.state.group(groupname);
        if (b.state.client(username) == null) {
            b.reply(c, "Client not found", corr);
        } else if (group == null) {
            b.reply(c, "Group not found", corr);
        } else {
            // Not being a member is no error in Mosquitto 2.0.
            b.state = b.state.with(group.withClients(group.clients().stream()
                    .filter(m -> !m.username().equals(username)).toList()));
            b.save();
            b.reply(c, null, corr);
        }
        b.kick(username);
    }

    static void get(Batch b, JsonNode cmd, String corr) {
        DynsecGroup group = find(b, "getGroup", cmd, corr);
        if (group != null) {
            b.answer("getGroup", corr).set("group", DynsecJsonTrees.groupForAnswer(group));
        }
    }

    static void list(Batch b, JsonNode cmd, String corr) {
        boolean verbose = Json.boolOr(cmd, "verbose", false);
        List<DynsecGroup> page = Args.page(List.copyOf(b.state.groups().values()), cmd);
        var data = b.answer("listGroups", corr);
        data.put("totalCount", b.state.groups().size());
        ArrayNode groups = data.putArray("groups");
        for (DynsecGroup group : page) {
            if (verbose) {
                groups.add(DynsecJsonTrees.groupForAnswer(group));
            } else {
                groups.add(group.groupname());
            }
        }
    }

    static void addRole(Batch b, JsonNode cmd, String corr) {
        String c = "addGroupRole";
        String groupname = Args.name(b, c, cmd, Args.GROUPNAME, corr);
        String rolename = groupname == null ? null : Args.name(b, c, cmd, Args.ROLENAME, corr);
        if (rolename == null) {
            return;
        }
        int priority = Json.intOr(cmd, "priority", -1);
        DynsecGroup group = b.state.group(groupname);
        if (group == null) {
            b.reply(c, "Group not found", corr);
            return;
        }
        if (b.state.role(rolename) == null) {
            b.reply(c, "Role not found", corr);
            return;
        }
        if (group.hasRole(rolename)) {
            b.reply(c, "Group is already in this role", corr);
            return;
        }
        group = group.withRoles(Ordering.insert(group.roles(), new RoleRef(rolename, priority), Ordering.ROLES));
        b.state = b.state.with(group);
        b.save();
        b.reply(c, null, corr);
        b.kickGroup(group);
    }

    static void removeRole(Batch b, JsonNode cmd, String corr) {
        String c = "removeGroupRole";
        String groupname = Args.name(b, c, cmd, Args.GROUPNAME, corr);
        String rolename = groupname == null ? null : Args.name(b, c, cmd, Args.ROLENAME, corr);
        if (rolename == null) {
            return;
        }
        DynsecGroup group = b.state.group(groupname);
        if (group == null) {
            b.reply(c, "Group not found", corr);
            return;
        }
        if (b.state.role(rolename) == null) {
            b.reply(c, "Role not found", corr);
            return;
        }
        group = group.withRoles(DynsecState.without(group.roles(), rolename));
        b.state = b.state.with(group);
        b.save();
        b.reply(c, null, corr);
        b.kickGroup(group);
    }

    /** {@code modifyGroup}: texts change before the roles are checked, as in Mosquitto. */
    static void modify(Batch b, JsonNode cmd, String corr) {
        String c = "modifyGroup";
        DynsecGroup group = find(b, c, cmd, corr);
        if (group == null) {
            return;
        }
        Json.Str textName = Json.string(cmd, "textname");
        if (textName.requiredOk()) {
            group = group.withTextName(textName.value());
        }
        Json.Str textDescription = Json.string(cmd, "textdescription");
        if (textDescription.requiredOk()) {
            group = group.withTextDescription(textDescription.value());
        }
        b.state = b.state.with(group);
        Args.Roles roles = Args.roles(b.state, cmd);
        if (roles.status() == Args.RolesStatus.ROLE_NOT_FOUND || roles.status() == Args.RolesStatus.INVALID) {
            b.reply(c, roles.status() == Args.RolesStatus.ROLE_NOT_FOUND ? "Role not found"
                    : "'roles' not an array or missing/invalid rolename", corr);
            b.kickGroup(group);
            return;
        }
        if (roles.status() == Args.RolesStatus.OK) {
            group = group.withRoles(roles.roles());
        }
        JsonNode clients = Json.get(cmd, "clients");
        if (clients != null && clients.isArray()) {
            group = group.withClients(List.of());
            for (JsonNode m : clients) {
                String username = m.isObject() ? Json.stringOrNull(m, Args.USERNAME) : null;
                if (username != null && b.state.client(username) != null && !group.hasClient(username)) {
                    group = withMember(group, username, Json.intOr(m, "priority", -1));
                }
            }
        }
        b.state = b.state.with(group);
        b.save();
        b.reply(c, null, corr);
        b.kickGroup(group);
    }

    static void setAnonymous(Batch b, JsonNode cmd, String corr) {
        String c = "setAnonymousGroup";
        DynsecGroup group = find(b, c, cmd, corr);
        if (group == null) {
            return;
        }
        b.state = b.state.withAnonymousGroup(group.groupname());
        b.save();
        b.reply(c, null, corr);
        b.kickAnonymous();
    }

    static void getAnonymous(Batch b, String corr) {
        String name = b.state.anonymousGroup() == null ? "" : b.state.anonymousGroup();
        b.answer("getAnonymousGroup", corr).putObject("group").put("groupname", name);
    }

    private static DynsecGroup find(Batch b, String c, JsonNode cmd, String corr) {
        String groupname = Args.name(b, c, cmd, Args.GROUPNAME, corr);
        if (groupname == null) {
            return null;
        }
        DynsecGroup group = b.state.group(groupname);
        if (group == null) {
            b.reply(c, "Group not found", corr);
        }
        return group;
    }
}
