package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON shapes of clients, groups and roles, member for member in the order the plugin adds
 * them, for the saved file and for the answers of get and list commands (which differ slightly: a
 * group's members carry their priority only in the file).
 */
final class DynsecJsonTrees {

    private DynsecJsonTrees() {
    }

    /** The whole file, as {@code dynsec__config_save} builds it. */
    static ObjectNode file(DynsecState state) {
        ObjectNode root = Json.object();
        ObjectNode access = root.putObject("defaultACLAccess");
        DefaultAccess d = state.defaultAccess();
        access.put(DefaultAccess.PUBLISH_CLIENT_SEND, d.publishClientSend());
        access.put(DefaultAccess.PUBLISH_CLIENT_RECEIVE, d.publishClientReceive());
        access.put(DefaultAccess.SUBSCRIBE, d.subscribe());
        access.put(DefaultAccess.UNSUBSCRIBE, d.unsubscribe());
        ArrayNode clients = root.putArray("clients");
        state.clients().values().forEach(c -> clients.add(clientForFile(c)));
        ArrayNode groups = root.putArray("groups");
        state.groups().values().forEach(g -> groups.add(groupForFile(g)));
        if (state.anonymousGroup() != null) {
            root.put("anonymousGroup", state.anonymousGroup());
        }
        ArrayNode roles = root.putArray("roles");
        state.roles().values().forEach(r -> roles.add(role(r)));
        return root;
    }

    static ObjectNode clientForFile(DynsecClient c) {
        ObjectNode o = clientHead(c);
        o.set("roles", roleRefs(c.roles()));
        if (c.password() != null) {
            o.put("password", c.password().hashBase64());
            o.put("salt", c.password().saltBase64());
            o.put("iterations", c.password().iterations());
        }
        return o;
    }

    /** {@code getClient} and verbose {@code listClients}. */
    static ObjectNode clientForAnswer(DynsecClient c, List<GroupRef> groups) {
        ObjectNode o = clientHead(c);
        o.set("roles", roleRefs(c.roles()));
        ArrayNode g = o.putArray("groups");
        for (GroupRef ref : groups) {
            ObjectNode item = g.addObject().put("groupname", ref.groupname());
            if (ref.priority() != -1) {
                item.put("priority", ref.priority());
            }
        }
        return o;
    }

    private static ObjectNode clientHead(DynsecClient c) {
        ObjectNode o = Json.object().put("username", c.username());
        putIfSet(o, "clientid", c.clientId());
        putIfSet(o, "textname", c.textName());
        putIfSet(o, "textdescription", c.textDescription());
        if (c.disabled()) {
            o.put("disabled", true);
        }
        return o;
    }

    static ObjectNode groupForFile(DynsecGroup g) {
        ObjectNode o = Json.object().put("groupname", g.groupname());
        putIfSet(o, "textname", g.textName());
        putIfSet(o, "textdescription", g.textDescription());
        o.set("roles", roleRefs(g.roles()));
        ArrayNode clients = o.putArray("clients");
        for (ClientRef ref : g.clients()) {
            ObjectNode item = clients.addObject().put("username", ref.username());
            if (ref.priority() != -1) {
                item.put("priority", ref.priority());
            }
        }
        return o;
    }

    /** {@code getGroup} and verbose {@code listGroups}: members without priority, roles last. */
    static ObjectNode groupForAnswer(DynsecGroup g) {
        ObjectNode o = Json.object().put("groupname", g.groupname());
        putIfSet(o, "textname", g.textName());
        putIfSet(o, "textdescription", g.textDescription());
        ArrayNode clients = o.putArray("clients");
        g.clients().forEach(ref -> clients.addObject().put("username", ref.username()));
        o.set("roles", roleRefs(g.roles()));
        return o;
    }

    /** A role in the file, in {@code getRole} and in verbose {@code listRoles}. */
    static ObjectNode role(DynsecRole r) {
        ObjectNode o = Json.object().put("rolename", r.rolename());
        putIfSet(o, "textname", r.textName());
        putIfSet(o, "textdescription", r.textDescription());
        ArrayNode acls = o.putArray("acls");
        for (Acl acl : r.acls()) {
            acls.addObject()
                    .put("acltype", acl.type().jsonName())
                    .put("topic", acl.topic())
                    .put("priority", acl.priority())
                    .put("allow", acl.allow());
        }
        return o;
    }

    static ArrayNode roleRefs(List<RoleRef> roles) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (RoleRef ref : roles) {
            ObjectNode item = a.addObject().put("rolename", ref.rolename());
            if (ref.priority() != -1) {
                item.put("priority", ref.priority());
            }
        }
        return a;
    }

    private static void putIfSet(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
