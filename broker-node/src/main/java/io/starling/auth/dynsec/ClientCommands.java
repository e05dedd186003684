package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The client commands of the plugin, with Mosquitto 2.0's checks, answers and disconnections. */
final class ClientCommands {

    private ClientCommands() {
    }

    static void create(Batch b, JsonNode cmd, String corr) {
        String c = "createClient";
        String username = Args.name(b, c, cmd, Args.USERNAME, corr);
        if (username == null) {
            return;
        }
        Json.Str password = Json.string(cmd, "password");
        if (!password.valid()) {
            b.reply(c, "Invalid/missing password", corr);
            return;
        }
        Json.Str clientId = Json.string(cmd, "clientid");
        if (!clientId.valid()) {
            b.reply(c, "Invalid/missing client id", corr);
            return;
        }
        if (clientId.value() != null && !CStrings.isValidUtf8(clientId.value())) {
            b.reply(c, "Client ID not valid UTF-8", corr);
            return;
        }
        Args.Texts texts = Args.texts(b, c, cmd, corr);
        if (texts == null) {
            return;
        }
        if (b.state.client(username) != null) {
            b.reply(c, "Client already exists", corr);
            return;
        }
        Args.Roles roles = Args.roles(b.state, cmd);
        if (roles.status() == Args.RolesStatus.ROLE_NOT_FOUND) {
            b.reply(c, "Role not found", corr);
            return;
        }
        if (roles.status() == Args.RolesStatus.INVALID) {
            b.reply(c, "'roles' not an array or missing/invalid rolename", corr);
            return;
        }
        DynsecClient client = new DynsecClient(username, emptyToNull(clientId.value()),
                password.value() == null ? null : hash(b, password.value()), texts.name(),
                texts.description(), false, roles.roles());
        DynsecState next = b.state.with(client);
        JsonNode groups = Json.get(cmd, "groups");
        if (groups != null && groups.isArray()) {
            for (JsonNode g : groups) {
                String groupname = g.isObject() ? Json.stringOrNull(g, Args.GROUPNAME) : null;
                if (groupname == null) {
                    continue;
                }
                DynsecGroup group = next.group(groupname);
                if (group == null || group.hasClient(username)) {
                    // The new client is dropped again; a group named twice is Mosquitto's "Internal error".
                    b.reply(c, group == null ? "Group not found" : "Internal error", corr);
                    return;
                }
                next = next.with(GroupCommands.withMember(group, username, Json.intOr(g, "priority", -1)));
            }
        }
        b.state = next;
        b.save();
        b.reply(c, null, corr);
    }

    static void delete(Batch b, JsonNode cmd, String corr) {
        String c = "deleteClient";
        Json.Str username = Json.string(cmd, Args.USERNAME);
        if (!username.requiredOk()) {
            b.reply(c, "Invalid/missing username", corr);
            return;
        }
        if (b.state.client(username.value()) == null) {
            b.reply(c, "Client not found", corr);
            return;
        }
        b.state = b.state.withoutClient(username.value());
        b.save();
        b.reply(c, null, corr);
        b.kick(username.value());
    }

    static void enable(Batch b, JsonNode cmd, String corr, boolean enable) {
        String c = enable ? "enableClient" : "disableClient";
        DynsecClient client = find(b, c, cmd, corr);
        if (client == null) {
            return;
        }
        b.state = b.state.with(client.withDisabled(!enable));
        if (!enable) {
            b.kick(client.username());
        }
        b.save();
        b.reply(c, null, corr);
    }

    static void setId(Batch b, JsonNode cmd, String corr) {
        String c = "setClientId";
        String username = Args.name(b, c, cmd, Args.USERNAME, corr);
        if (username == null) {
            return;
        }
        Json.Str clientId = Json.string(cmd, "clientid");
        if (!clientId.valid()) {
            b.reply(c, "Invalid/missing client ID", corr);
            return;
        }
        if (clientId.value() != null && !CStrings.isValidUtf8(clientId.value())) {
            b.reply(c, "Client ID not valid UTF-8", corr);
            return;
        }
        DynsecClient client = b.state.client(username);
        if (client == null) {
            b.reply(c, "Client not found", corr);
            return;
        }
        b.state = b.state.with(client.withClientId(emptyToNull(clientId.value())));
        b.save();
        b.reply(c, null, corr);
        b.kick(username);
    }

    static void setPassword(Batch b, JsonNode cmd, String corr) {
        String c = "setClientPassword";
        String username = Args.name(b, c, cmd, Args.USERNAME, corr);
        if (username == null) {
            return;
        }
        Json.Str password = Json.string(cmd, "password");
        if (!password.requiredOk()) {
            b.reply(c, "Invalid/missing password", corr);
            return;
        }
        if (password.value().isEmpty()) {
            b.reply(c, "Empty password is not allowed", corr);
            return;
        }
        DynsecClient client = b.state.client(username);
        if (client == null) {
            b.reply(c, "Client not found", corr);
            return;
        }
        b.state = b.state.with(client.withPassword(hash(b, password.value())));
        b.save();
        b.reply(c, null, corr);
        b.kick(username);
    }

    /**
     * {@code modifyClient}: client id, password and texts change before the roles are checked, so a
     * bad role list leaves those changes in place (unsaved), as in Mosquitto.
     */
    static void modify(Batch b, JsonNode cmd, String corr) {
        String c = "modifyClient";
        DynsecClient client = find(b, c, cmd, corr);
        if (client == null) {
            return;
        }
        String username = client.username();
        Json.Str clientId = Json.string(cmd, "clientid");
        if (clientId.requiredOk()) {
            client = client.withClientId(emptyToNull(clientId.value()));
        }
        Json.Str password = Json.string(cmd, "password");
        if (password.requiredOk() && !password.value().isEmpty()) {
            client = client.withPassword(hash(b, password.value()));
        }
        Json.Str textName = Json.string(cmd, "textname");
        if (textName.requiredOk()) {
            client = client.withTextName(textName.value());
        }
        Json.Str textDescription = Json.string(cmd, "textdescription");
        if (textDescription.requiredOk()) {
            client = client.withTextDescription(textDescription.value());
        }
        b.state = b.state.with(client);
        Args.Roles roles = Args.roles(b.state, cmd);
        if (roles.status() == Args.RolesStatus.ROLE_NOT_FOUND || roles.status() == Args.RolesStatus.INVALID) {
            b.reply(c, roles.status() == Args.RolesStatus.ROLE_NOT_FOUND ? "Role not found"
                    : "'roles' not an array or missing/invalid rolename", corr);
            b.kick(username);
            return;
        }
        if (roles.status() == Args.RolesStatus.OK) {
            b.state = b.state.with(client.withRoles(roles.roles()));
        }
        JsonNode groups = Json.get(cmd, "groups");
        if (groups != null && groups.isArray()) {
            b.state = b.state.withoutMember(username);
            for (JsonNode g : groups) {
                String groupname = g.isObject() ? Json.stringOrNull(g, Args.GROUPNAME) : null;
                DynsecGroup group = b.state.group(groupname);
                if (group != null && !group.hasClient(username)) {
                    b.state = b.state.with(GroupCommands.withMember(group, username, Json.intOr(g, "priority", -1)));
                }
            }
        }
        b.save();
        b.reply(c, null, corr);
        b.kick(username);
    }

    static void get(Batch b, JsonNode cmd, String corr) {
        DynsecClient client = find(b, "getClient", cmd, corr);
        if (client != null) {
            b.answer("getClient", corr).set("client",
                    DynsecJsonTrees.clientForAnswer(client, b.state.groupsOf(client.username())));
        }
    }

    static void list(Batch b, JsonNode cmd, String corr) {
        boolean verbose = Json.boolOr(cmd, "verbose", false);
        List<DynsecClient> page = Args.page(List.copyOf(b.state.clients().values()), cmd);
        var data = b.answer("listClients", corr);
        data.put("totalCount", b.state.clients().size());
        ArrayNode clients = data.putArray("clients");
        for (DynsecClient client : page) {
            if (verbose) {
                clients.add(DynsecJsonTrees.clientForAnswer(client, b.state.groupsOf(client.username())));
            } else {
                clients.add(client.username());
            }
        }
    }

    static void addRole(Batch b, JsonNode cmd, String corr) {
        String c = "addClientRole";
        String username = Args.name(b, c, cmd, Args.USERNAME, corr);
        String rolename = username == null ? null : Args.name(b, c, cmd, Args.ROLENAME, corr);
        if (rolename == null) {
            return;
        }
        int priority = Json.intOr(cmd, "priority", -1);
        DynsecClient client = b.state.client(username);
        if (client == null) {
            b.reply(c, "Client not found", corr);
            return;
        }
        if (b.state.role(rolename) == null) {
            b.reply(c, "Role not found", corr);
            return;
        }
        if (client.hasRole(rolename)) {
            b.reply(c, "Internal error", corr); // Mosquitto 2.0 has no better word for "already has it"
            return;
        }
        b.state = b.state.with(client.withRoles(Ordering.insert(client.roles(), new RoleRef(rolename, priority),
                Ordering.ROLES)));
        b.save();
        b.reply(c, null, corr);
        b.kick(username);
    }

    static void removeRole(Batch b, JsonNode cmd, String corr) {
        String c = "removeClientRole";
        String username = Args.name(b, c, cmd, Args.USERNAME, corr);
        String rolename = username == null ? null : Args.name(b, c, cmd, Args.ROLENAME, corr);
        if (rolename == null) {
            return;
        }
        DynsecClient client = b.state.client(username);
        if (client == null) {
            b.reply(c, "Client not found", corr);
            return;
        }
        if (b.state.role(rolename) == null) {
            b.reply(c, "Role not found", corr);
            return;
        }
        b.state = b.state.with(client.withRoles(DynsecState.without(client.roles(), rolename)));
        b.save();
        b.reply(c, null, corr);
        b.kick(username);
    }

    /** Username checks and lookup shared by several commands; null (after replying) on failure. */
    private static DynsecClient find(Batch b, String c, JsonNode cmd, String corr) {
        String username = Args.name(b, c, cmd, Args.USERNAME, corr);
        if (username == null) {
            return null;
        }
        DynsecClient client = b.state.client(username);
        if (client == null) {
            b.reply(c, "Client not found", corr);
        }
        return client;
    }

    private static PasswordHash hash(Batch b, String password) {
        return PasswordHash.create(password.getBytes(StandardCharsets.UTF_8), b.random());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
