package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.auth.SecurityFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the parsed JSON of a dynamic-security file into a state, in the plugin's order: roles, clients, groups. */
final class DynsecFileReader {

    private static final Logger LOG = LoggerFactory.getLogger(DynsecFileReader.class);

    private final Path file;

    DynsecFileReader(Path file) {
        this.file = file;
    }

    DynsecState read(JsonNode root) throws SecurityFileException {
        DefaultAccess access = defaultAccess(Json.get(root, "defaultACLAccess"));
        TreeMap<String, DynsecRole> roles = new TreeMap<>(CStrings.ORDER);
        for (JsonNode r : array(root, "roles")) {
            DynsecRole role = role(r);
            roles.putIfAbsent(role.rolename(), role);
        }
        TreeMap<String, DynsecClient> clients = new TreeMap<>(CStrings.ORDER);
        for (JsonNode c : array(root, "clients")) {
            DynsecClient client = client(c, roles);
            clients.putIfAbsent(client.username(), client);
        }
        TreeMap<String, DynsecGroup> groups = new TreeMap<>(CStrings.ORDER);
        for (JsonNode g : array(root, "groups")) {
            DynsecGroup group = group(g, roles, clients);
            groups.putIfAbsent(group.groupname(), group);
        }
        JsonNode anonymous = Json.get(root, "anonymousGroup");
        String anonymousGroup = null;
        if (anonymous != null) {
            if (!anonymous.isTextual()) {
                throw fault("\"anonymousGroup\" must be a string");
            }
            if (groups.containsKey(anonymous.textValue())) {
                anonymousGroup = anonymous.textValue();
            } else {
                LOG.warn("{}: the anonymous group {} does not exist; anonymous clients get the default access",
                        file, anonymous.textValue());
            }
        }
        return new DynsecState(access, clients, groups, roles, anonymousGroup);
    }

    private DefaultAccess defaultAccess(JsonNode node) throws SecurityFileException {
        if (node == null) {
            return DefaultAccess.NONE;
        }
        if (!node.isObject()) {
            throw fault("\"defaultACLAccess\" must be an object");
        }
        // Mosquitto: a kind that is missing or not a boolean is denied.
        return new DefaultAccess(Json.boolOr(node, DefaultAccess.PUBLISH_CLIENT_SEND, false),
                Json.boolOr(node, DefaultAccess.PUBLISH_CLIENT_RECEIVE, false),
                Json.boolOr(node, DefaultAccess.SUBSCRIBE, false),
                Json.boolOr(node, DefaultAccess.UNSUBSCRIBE, false));
    }

    private List<JsonNode> array(JsonNode root, String name) throws SecurityFileException {
        JsonNode node = Json.get(root, name);
        List<JsonNode> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            throw fault("\"" + name + "\" must be an array");
        }
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw fault("every entry of \"" + name + "\" must be an object");
            }
            out.add(item);
        }
        return out;
    }

    private DynsecRole role(JsonNode r) throws SecurityFileException {
        String name = requiredName(r, "rolename", "role");
        List<Acl> acls = new ArrayList<>();
        JsonNode list = Json.get(r, "acls");
        if (list != null) {
            if (!list.isArray()) {
                throw fault("role " + name + ": \"acls\" must be an array");
            }
            for (JsonNode a : list) {
                acls = Ordering.insertAcl(acls, acl(name, a));
            }
        }
        return new DynsecRole(name, optionalText(r, "textname", name), optionalText(r, "textdescription", name),
                acls);
    }

    private Acl acl(String role, JsonNode a) throws SecurityFileException {
        AclType type = AclType.fromJson(Json.stringOrNull(a, "acltype"));
        if (type == null) {
            throw fault("role " + role + ": an ACL needs an \"acltype\" of publishClientSend, publishClientReceive,"
                    + " subscribeLiteral, subscribePattern, unsubscribeLiteral or unsubscribePattern");
        }
        String topic = Json.stringOrNull(a, "topic");
        if (topic == null) {
            throw fault("role " + role + ": an ACL needs a \"topic\" string");
        }
        return new Acl(type, topic, Json.intOr(a, "priority", 0), Json.boolOr(a, "allow", false));
    }

    private DynsecClient client(JsonNode c, TreeMap<String, DynsecRole> roles) throws SecurityFileException {
        String username = requiredName(c, "username", "client");
        if (username.isEmpty()) {
            throw fault("a client's \"username\" must not be empty");
        }
        DynsecClient client = new DynsecClient(username, optionalText(c, "clientid", username), password(c, username),
                optionalText(c, "textname", username), optionalText(c, "textdescription", username),
                Json.boolOr(c, "disabled", false), roleRefs(c, roles, "client " + username));
        return client;
    }

    private PasswordHash password(JsonNode c, String username) throws SecurityFileException {
        JsonNode salt = Json.get(c, "salt");
        JsonNode hash = Json.get(c, "password");
        JsonNode iterations = Json.get(c, "iterations");
        if (salt == null && hash == null && iterations == null) {
            return null; // a client without password: it cannot log in through the plugin
        }
        if (salt == null || !salt.isTextual() || hash == null || !hash.isTextual()
                || iterations == null || !iterations.isNumber()) {
            throw fault("client " + username + ": \"password\", \"salt\" and \"iterations\" must be given together");
        }
        try {
            return new PasswordHash(Base64.getDecoder().decode(hash.textValue()),
                    Base64.getDecoder().decode(salt.textValue()), Json.toInt(iterations));
        } catch (IllegalArgumentException e) {
            throw fault("client " + username + ": the password must be a base64 64-byte PBKDF2-SHA512 hash with a"
                    + " base64 12-byte salt and at least one iteration");
        }
    }

    private DynsecGroup group(JsonNode g, TreeMap<String, DynsecRole> roles, TreeMap<String, DynsecClient> clients)
            throws SecurityFileException {
        String name = requiredName(g, "groupname", "group");
        List<ClientRef> members = new ArrayList<>();
        JsonNode list = Json.get(g, "clients");
        if (list != null && list.isArray()) {
            for (JsonNode m : list) {
                String username = Json.stringOrNull(m, "username");
                if (username == null) {
                    throw fault("group " + name + ": every client needs a \"username\" string");
                }
                if (!clients.containsKey(username)) {
                    LOG.warn("{}: group {} lists the unknown client {}; it is left out", file, name, username);
                } else if (members.stream().noneMatch(x -> x.username().equals(username))) {
                    members = Ordering.insert(members, new ClientRef(username, Json.intOr(m, "priority", -1)),
                            Ordering.CLIENTS);
                }
            }
        } else if (list != null) {
            throw fault("group " + name + ": \"clients\" must be an array");
        }
        return new DynsecGroup(name, optionalText(g, "textname", name), optionalText(g, "textdescription", name),
                roleRefs(g, roles, "group " + name), members);
    }

    private List<RoleRef> roleRefs(JsonNode owner, TreeMap<String, DynsecRole> roles, String who)
            throws SecurityFileException {
        List<RoleRef> out = new ArrayList<>();
        JsonNode list = Json.get(owner, "roles");
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            throw fault(who + ": \"roles\" must be an array");
        }
        for (JsonNode r : list) {
            String rolename = Json.stringOrNull(r, "rolename");
            if (rolename == null) {
                throw fault(who + ": every role needs a \"rolename\" string");
            }
            if (!roles.containsKey(rolename)) {
                LOG.warn("{}: {} has the unknown role {}; it is left out", file, who, rolename);
            } else if (out.stream().noneMatch(x -> x.rolename().equals(rolename))) {
                out = Ordering.insert(out, new RoleRef(rolename, Json.intOr(r, "priority", -1)), Ordering.ROLES);
            }
        }
        return out;
    }

    private String requiredName(JsonNode node, String member, String what) throws SecurityFileException {
        String name = Json.stringOrNull(node, member);
        if (name == null) {
            throw fault("every " + what + " needs a \"" + member + "\" string");
        }
        return name;
    }

    private String optionalText(JsonNode node, String member, String owner) throws SecurityFileException {
        Json.Str s = Json.string(node, member);
        if (!s.valid()) {
            throw fault(owner + ": \"" + member + "\" must be a string");
        }
        return s.value();
    }

    private SecurityFileException fault(String reason) {
        return new SecurityFileException(file, 0, reason);
    }
}
