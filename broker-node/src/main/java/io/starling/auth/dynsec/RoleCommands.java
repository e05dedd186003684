package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/** The role commands of the plugin, with Mosquitto 2.0's checks, answers and disconnections. */
final class RoleCommands {

    private RoleCommands() {
    }

    static void create(Batch b, JsonNode cmd, String corr) {
        String c = "createRole";
        String rolename = Args.name(b, c, cmd, Args.ROLENAME, corr);
        if (rolename == null) {
            return;
        }
        Args.Texts texts = Args.texts(b, c, cmd, corr);
        if (texts == null) {
            return;
        }
        if (b.state.role(rolename) != null) {
            b.reply(c, "Role already exists", corr);
            return;
        }
        b.state = b.state.with(new DynsecRole(rolename, texts.name(), texts.description(), acls(cmd)));
        b.save();
        b.reply(c, null, corr);
    }

    /**
     * The {@code "acls"} of createRole/modifyRole, read as the plugin reads them: entries without a
     * known acltype or a topic string are skipped, topics are not checked.
     */
    private static List<Acl> acls(JsonNode cmd) {
        List<Acl> out = new ArrayList<>();
        JsonNode list = Json.get(cmd, "acls");
        if (list == null || !list.isArray()) {
            return out;
        }
        for (JsonNode a : list) {
            AclType type = AclType.fromJson(Json.stringOrNull(a, "acltype"));
            String topic = Json.stringOrNull(a, "topic");
            if (type != null && topic != null) {
                out = Ordering.insertAcl(out, new Acl(type, topic, Json.intOr(a, "priority", 0),
                        Json.boolOr(a, "allow", false)));
            }
        }
        return out;
    }

    static void delete(Batch b, JsonNode cmd, String corr) {
        String c = "deleteRole";
        DynsecRole role = find(b, c, cmd, corr, "Role not found");
        if (role == null) {
            return;
        }
        b.kickRole(role.rolename());
        b.state = b.state.withoutRole(role.rolename());
        b.save();
        b.reply(c, null, corr);
    }

    static void get(Batch b, JsonNode cmd, String corr) {
        DynsecRole role = find(b, "getRole", cmd, corr, "Role not found");
        if (role != null) {
            b.answer("getRole", corr).set("role", DynsecJsonTrees.role(role));
        }
    }

    static void list(Batch b, JsonNode cmd, String corr) {
        boolean verbose = Json.boolOr(cmd, "verbose", false);
        List<DynsecRole> page = Args.page(List.copyOf(b.state.roles().values()), cmd);
        var data = b.answer("listRoles", corr);
        data.put("totalCount", b.state.roles().size());
        ArrayNode roles = data.putArray("roles");
        for (DynsecRole role : page) {
            if (verbose) {
                roles.add(DynsecJsonTrees.role(role));
            } else {
                roles.add(role.rolename());
            }
        }
    }

    /** {@code modifyRole}: new texts, and if {@code "acls"} is an array, it replaces every rule. */
    static void modify(Batch b, JsonNode cmd, String corr) {
        String c = "modifyRole";
        DynsecRole role = find(b, c, cmd, corr, "Role does not exist");
        if (role == null) {
            return;
        }
        Json.Str textName = Json.string(cmd, "textname");
        if (textName.requiredOk()) {
            role = role.withTextName(textName.value());
        }
        Json.Str textDescription = Json.string(cmd, "textdescription");
        if (textDescription.requiredOk()) {
            role = role.withTextDescription(textDescription.value());
        }
        JsonNode list = Json.get(cmd, "acls");
        if (list != null && list.isArray()) {
            role = role.withAcls(acls(cmd));
        }
        b.state = b.state.with(role);
        b.save();
        b.reply(c, null, corr);
    }

    static void addAcl(Batch b, JsonNode cmd, String corr) {
        String c = "addRoleACL";
        DynsecRole role = find(b, c, cmd, corr, "Role not found");
        AclType type = role == null ? null : aclType(b, c, cmd, corr);
        if (type == null) {
            return;
        }
        JsonNode topicNode = Json.get(cmd, "topic");
        if (topicNode == null || !topicNode.isTextual()) {
            b.reply(c, "Invalid/missing topic", corr);
            return;
        }
        String topic = CStrings.beforeNul(topicNode.textValue());
        if (!topicOk(b, c, topic, corr)) {
            return;
        }
        if (role.acl(type, topic) != null) {
            b.reply(c, "ACL with this topic already exists", corr);
            return;
        }
        Acl acl = new Acl(type, topic, Json.intOr(cmd, "priority", 0), Json.boolOr(cmd, "allow", false));
        b.state = b.state.with(role.withAcls(Ordering.insertAcl(role.acls(), acl)));
        b.save();
        b.reply(c, null, corr);
        b.kickRole(role.rolename());
    }

    static void removeAcl(Batch b, JsonNode cmd, String corr) {
        String c = "removeRoleACL";
        DynsecRole role = find(b, c, cmd, corr, "Role not found");
        AclType type = role == null ? null : aclType(b, c, cmd, corr);
        if (type == null) {
            return;
        }
        Json.Str topic = Json.string(cmd, "topic");
        if (!topic.requiredOk()) {
            b.reply(c, "Invalid/missing topic", corr);
            return;
        }
        if (!topicOk(b, c, topic.value(), corr)) {
            return;
        }
        Acl acl = role.acl(type, topic.value());
        if (acl == null) {
            b.reply(c, "ACL not found", corr);
            return;
        }
        List<Acl> rest = new ArrayList<>(role.acls());
        rest.remove(acl);
        b.state = b.state.with(role.withAcls(rest));
        b.save();
        b.reply(c, null, corr);
        b.kickRole(role.rolename());
    }

    private static boolean topicOk(Batch b, String c, String topic, String corr) {
        if (!CStrings.isValidUtf8(topic)) {
            b.reply(c, "Topic not valid UTF-8", corr);
            return false;
        }
        if (!CStrings.isValidAclTopic(topic)) {
            b.reply(c, "Invalid ACL topic", corr);
            return false;
        }
        return true;
    }

    private static AclType aclType(Batch b, String c, JsonNode cmd, String corr) {
        JsonNode node = Json.get(cmd, "acltype");
        if (node == null || !node.isTextual()) {
            b.reply(c, "Invalid/missing acltype", corr);
            return null;
        }
        AclType type = AclType.fromJson(node.textValue());
        if (type == null) {
            b.reply(c, "Unknown acltype", corr);
        }
        return type;
    }

    private static DynsecRole find(Batch b, String c, JsonNode cmd, String corr, String notFound) {
        String rolename = Args.name(b, c, cmd, Args.ROLENAME, corr);
        if (rolename == null) {
            return null;
        }
        DynsecRole role = b.state.role(rolename);
        if (role == null) {
            b.reply(c, notFound, corr);
        }
        return role;
    }
}
