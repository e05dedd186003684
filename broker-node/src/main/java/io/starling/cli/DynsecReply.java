package io.starling.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What mosquitto_ctrl 2.0.11 prints for the plugin's answer on
 * {@code $CONTROL/dynamic-security/v1/response}: nothing for a change that worked,
 * {@code COMMAND: Error: TEXT} on standard error for one that did not (still exit status 0), and
 * the data of the get and list commands laid out as mosquitto_ctrl lays them out.
 *
 * @param out lines for standard output
 * @param err lines for standard error
 */
record DynsecReply(List<String> out, List<String> err) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String INVALID = "Error: Invalid response from server.";

    DynsecReply {
        out = List.copyOf(out);
        err = List.copyOf(err);
    }

    /** The reply to print for the response {@code payload}. */
    static DynsecReply of(String payload) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            return error("Error: Payload not JSON.");
        }
        JsonNode responses = tree.get("responses");
        if (responses == null || !responses.isArray() || responses.isEmpty() || !responses.get(0).isObject()) {
            return error("Error: Payload missing data.");
        }
        JsonNode response = responses.get(0);
        String command = response.path("command").asText("");
        JsonNode problem = response.get("error");
        if (problem != null && problem.isTextual()) {
            return error(command + ": Error: " + problem.asText());
        }
        JsonNode data = response.path("data");
        List<String> lines = new ArrayList<>();
        boolean understood = switch (command) {
            case "listClients" -> names(data.path("clients"), lines);
            case "listGroups" -> names(data.path("groups"), lines);
            case "listRoles" -> names(data.path("roles"), lines);
            case "getClient" -> client(data.path("client"), lines);
            case "getGroup" -> group(data.path("group"), lines);
            case "getRole" -> role(data.path("role"), lines);
            case "getDefaultACLAccess" -> defaultAccess(data.path("acls"), lines);
            case "getAnonymousGroup" -> anonymousGroup(data.path("group"), lines);
            default -> true; // a change that worked: nothing to say
        };
        return understood ? new DynsecReply(lines, List.of()) : error(INVALID);
    }

    private static DynsecReply error(String line) {
        return new DynsecReply(List.of(), List.of(line));
    }

    private static boolean names(JsonNode names, List<String> lines) {
        if (!names.isArray()) {
            return false;
        }
        for (JsonNode name : names) {
            lines.add(name.isObject() ? firstText(name) : name.asText());
        }
        return true;
    }

    private static String firstText(JsonNode object) {
        for (JsonNode field : object) {
            if (field.isTextual()) {
                return field.asText();
            }
        }
        return "";
    }

    private static boolean client(JsonNode client, List<String> lines) {
        if (!client.isObject() || !client.path("username").isTextual()) {
            return false;
        }
        lines.add("Username: " + client.get("username").asText());
        JsonNode clientId = client.path("clientid");
        lines.add(clientId.isTextual() ? "Clientid: " + clientId.asText() : "Clientid:");
        if (client.path("disabled").isBoolean()) {
            lines.add("Disabled: " + client.get("disabled").asBoolean());
        }
        labelled(lines, "Roles:", 9, client.path("roles"), "rolename", true);
        labelled(lines, "Groups:", 9, client.path("groups"), "groupname", true);
        return true;
    }

    private static boolean group(JsonNode group, List<String> lines) {
        if (!group.isObject() || !group.path("groupname").isTextual()) {
            return false;
        }
        lines.add("Groupname: " + group.get("groupname").asText());
        labelled(lines, "Roles:", 10, group.path("roles"), "rolename", true);
        labelled(lines, "Clients:", 10, group.path("clients"), "username", false);
        return true;
    }

    private static boolean role(JsonNode role, List<String> lines) {
        if (!role.isObject() || !role.path("rolename").isTextual()) {
            return false;
        }
        lines.add("Rolename: " + role.get("rolename").asText());
        String label = "ACLs:";
        for (JsonNode acl : role.path("acls")) {
            lines.add(String.format("%-9s %-20s : %s : %s%s", label, acl.path("acltype").asText(),
                    acl.path("allow").asBoolean() ? "allow" : "deny ", acl.path("topic").asText(),
                    priority(acl)));
            label = "";
        }
        return true;
    }

    private static boolean defaultAccess(JsonNode acls, List<String> lines) {
        if (!acls.isArray()) {
            return false;
        }
        for (JsonNode acl : acls) {
            lines.add(String.format("%-20s : %s", acl.path("acltype").asText(),
                    acl.path("allow").asBoolean() ? "allow" : "deny"));
        }
        return true;
    }

    private static boolean anonymousGroup(JsonNode group, List<String> lines) {
        if (!group.path("groupname").isTextual()) {
            return false;
        }
        lines.add(group.get("groupname").asText());
        return true;
    }

    /**
     * {@code LABEL NAME (priority: P)} for the first entry, then the same without the label,
     * the label padded to {@code width}; nothing when the list is empty.
     */
    private static void labelled(List<String> lines, String label, int width, JsonNode entries, String nameField,
            boolean withPriority) {
        String shown = label;
        for (JsonNode entry : entries) {
            lines.add(String.format("%-" + width + "s %s%s", shown, entry.path(nameField).asText(),
                    withPriority ? priority(entry) : ""));
            shown = "";
        }
    }

    /** mosquitto_ctrl shows -1 when the plugin leaves the priority out. */
    private static String priority(JsonNode entry) {
        return " (priority: " + (entry.path("priority").isInt() ? entry.get("priority").asInt() : -1) + ")";
    }
}
