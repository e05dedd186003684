package io.starling.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the words of {@code dynsec COMMAND ARGS...} into the command object the dynamic-security
 * plugin reads from {@code $CONTROL/dynamic-security/v1} ({@code {"commands":[THIS]}}), with the
 * same fields, in the same order, and the same argument checks as mosquitto_ctrl 2.0.11.
 */
final class DynsecRequest {

    /** The ACL types a role's ACL may have. */
    static final Set<String> ROLE_ACL_TYPES = Set.of("publishClientSend", "publishClientReceive",
            "subscribeLiteral", "subscribePattern", "unsubscribeLiteral", "unsubscribePattern");
    /** The ACL types that have a default access. */
    static final Set<String> DEFAULT_ACL_TYPES =
            Set.of("publishClientSend", "publishClientReceive", "subscribe", "unsubscribe");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DynsecRequest() {
    }

    /**
     * The command object for {@code command} with {@code args}; {@code prompt} asks for the
     * passwords of createClient and setClientPassword when the command line has none.
     */
    static ObjectNode build(String command, List<String> args, CtrlPasswordPrompt prompt) throws DynsecRefusal {
        ObjectNode json = JSON.objectNode();
        json.put("command", command);
        switch (command) {
            case "setDefaultACLAccess" -> setDefaultAclAccess(json, args);
            case "getDefaultACLAccess", "getAnonymousGroup" -> {
                // mosquitto_ctrl ignores any arguments here
            }
            case "createClient" -> createClient(json, args, prompt);
            case "setClientPassword" -> setClientPassword(json, args, prompt);
            case "setClientId" -> {
                expect(args, 1, 2);
                json.put("username", args.get(0));
                optional(json, args, 1, "clientid");
            }
            case "deleteClient", "enableClient", "disableClient", "getClient" -> {
                expect(args, 1, 1);
                json.put("username", args.get(0));
            }
            case "addClientRole", "removeClientRole" -> {
                expect(args, 2, 3); // mosquitto_ctrl also sends a priority with remove
                json.put("username", args.get(0));
                json.put("rolename", args.get(1));
                priority(json, args, 2);
            }
            case "createGroup", "deleteGroup", "getGroup", "setAnonymousGroup" -> {
                expect(args, 1, 1);
                json.put("groupname", args.get(0));
            }
            case "addGroupClient", "removeGroupClient" -> {
                expect(args, 2, 3); // mosquitto_ctrl also sends a priority with remove
                json.put("username", args.get(1)); // before the group, as mosquitto_ctrl writes it
                json.put("groupname", args.get(0));
                priority(json, args, 2);
            }
            case "addGroupRole", "removeGroupRole" -> {
                expect(args, 2, 3); // mosquitto_ctrl also sends a priority with remove
                json.put("groupname", args.get(0));
                json.put("rolename", args.get(1));
                priority(json, args, 2);
            }
            case "createRole", "deleteRole", "getRole" -> {
                expect(args, 1, 1);
                json.put("rolename", args.get(0));
            }
            case "addRoleACL" -> addRoleAcl(json, args);
            case "removeRoleACL" -> {
                expect(args, 3, 3);
                json.put("rolename", args.get(0));
                json.put("acltype", roleAclType(args.get(1)));
                json.put("topic", args.get(2));
            }
            case "listClients", "listGroups", "listRoles" -> {
                expect(args, 0, 2);
                // as mosquitto_ctrl: only positive values are sent, anything else means "all"
                if (args.size() > 0 && atoi(args.get(0)) > 0) {
                    json.put("count", atoi(args.get(0)));
                }
                if (args.size() > 1 && atoi(args.get(1)) > 0) {
                    json.put("offset", atoi(args.get(1)));
                }
            }
            default -> throw DynsecRefusal.unknownCommand(command);
        }
        return json;
    }

    /**
     * Sends {@code "allow": true|false}, which the plugin reads. mosquitto_ctrl 2.0.11 sends
     * {@code "access": "allow"} instead, which the plugin ignores (it answers success and
     * changes nothing); a command that does what it says is worth that one difference.
     */
    private static void setDefaultAclAccess(ObjectNode json, List<String> args) throws DynsecRefusal {
        expect(args, 2, 2);
        if (!DEFAULT_ACL_TYPES.contains(args.get(0))) {
            throw DynsecRefusal.invalidArguments();
        }
        boolean allow = allowOrDeny(args.get(1), "Error: access must be \"allow\" or \"deny\".");
        ObjectNode acl = json.putArray("acls").addObject();
        acl.put("acltype", args.get(0));
        acl.put("allow", allow);
    }

    private static void createClient(ObjectNode json, List<String> args, CtrlPasswordPrompt prompt)
            throws DynsecRefusal {
        if (args.isEmpty()) {
            throw DynsecRefusal.invalidArguments();
        }
        String username = args.get(0);
        String clientId = null;
        String password = null;
        boolean ask = true;
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).equals("-c")) {
                if (++i == args.size()) {
                    throw DynsecRefusal.invalidArguments("Error: -c argument given, but no clientid provided.");
                }
                clientId = args.get(i);
            } else if (args.get(i).equals("-p")) {
                if (++i == args.size()) {
                    throw DynsecRefusal.invalidArguments("Error: -p argument given, but no password provided.");
                }
                password = args.get(i);
                ask = false;
            }
            // mosquitto_ctrl skips any other word
        }
        if (ask) {
            prompt.io().out().println("Enter new password for " + username
                    + ". Press return for no password (user will be unable to login).");
            password = askTwice(username, prompt, true).orElse(null);
        }
        json.put("username", username);
        if (clientId != null) {
            json.put("clientid", clientId);
        }
        if (password != null) {
            json.put("password", password);
        }
    }

    private static void setClientPassword(ObjectNode json, List<String> args, CtrlPasswordPrompt prompt)
            throws DynsecRefusal {
        expect(args, 1, 2);
        String password = args.size() == 2 ? args.get(1) : askTwice(args.get(0), prompt, false).orElseThrow();
        json.put("username", args.get(0));
        json.put("password", password);
    }

    /**
     * A new password typed twice; empty when the user pressed return (allowed only if
     * {@code mayBeEmpty}) or the input ended.
     */
    static Optional<String> askTwice(String username, CtrlPasswordPrompt prompt, boolean mayBeEmpty)
            throws DynsecRefusal {
        Optional<String> first = prompt.ask("New password for " + username + ": ");
        if (first.isEmpty() || first.get().isEmpty()) {
            if (!mayBeEmpty) {
                throw DynsecRefusal.quiet("Error: Empty password.");
            }
            prompt.io().out().println();
            return Optional.empty();
        }
        Optional<String> second = prompt.ask("Reenter password for " + username + ": ");
        // piped input that ends after one line is taken as confirmed, as mosquitto_ctrl does
        if (second.isPresent() && !second.get().equals(first.get())) {
            throw DynsecRefusal.quiet("Error: Passwords do not match.");
        }
        return first;
    }

    private static void addRoleAcl(ObjectNode json, List<String> args) throws DynsecRefusal {
        expect(args, 4, 5);
        json.put("rolename", args.get(0));
        json.put("acltype", roleAclType(args.get(1)));
        json.put("topic", args.get(2));
        json.put("allow", allowOrDeny(args.get(3)));
        priority(json, args, 4);
    }

    private static String roleAclType(String type) throws DynsecRefusal {
        if (!ROLE_ACL_TYPES.contains(type)) {
            throw DynsecRefusal.invalidArguments();
        }
        return type;
    }

    private static boolean allowOrDeny(String word, String... complaint) throws DynsecRefusal {
        return switch (word) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw DynsecRefusal.invalidArguments(complaint);
        };
    }

    /** An optional priority; -1 means "none" to mosquitto_ctrl, so it is not sent. */
    private static void priority(ObjectNode json, List<String> args, int index) {
        if (args.size() > index && atoi(args.get(index)) != -1) {
            json.put("priority", atoi(args.get(index)));
        }
    }

    private static void optional(ObjectNode json, List<String> args, int index, String field) {
        if (args.size() > index) {
            json.put(field, args.get(index));
        }
    }

    private static void expect(List<String> args, int min, int max) throws DynsecRefusal {
        if (args.size() < min || args.size() > max) {
            throw DynsecRefusal.invalidArguments();
        }
    }

    /** C's atoi, which mosquitto_ctrl uses for numbers: the leading integer, 0 if there is none. */
    static int atoi(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        for (; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
            value = Math.min(value * 10 + (text.charAt(i) - '0'), 1L << 31);
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, negative ? -value : value));
    }
}
