package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * The {@code $CONTROL/dynamic-security/v1} protocol as a pure function: a request payload and the
 * current state in; the new state, the response payload and the clients to disconnect out. Each
 * command is answered as Mosquitto 2.0's plugin answers it, error texts included. Command names are
 * matched in any case; answers use the canonical name.
 *
 * <p>The only impurity is the salt of new passwords, drawn from the given {@link SecureRandom}.
 */
public final class DynsecCommands {

    /** The topic the broker receives commands on. */
    public static final String TOPIC = "$CONTROL/dynamic-security/v1";
    /** The topic answers are published on. */
    public static final String RESPONSE_TOPIC = "$CONTROL/dynamic-security/v1/response";

    private DynsecCommands() {
    }

    public static CommandOutcome apply(DynsecState state, byte[] payload, SecureRandom random) {
        Batch b = new Batch(state, random);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || root.isMissingNode()) {
            b.reply("Unknown command", "Payload not valid JSON", null);
            return b.outcome();
        }
        JsonNode commands = Json.get(root, "commands");
        if (commands == null || !commands.isArray()) {
            b.reply("Unknown command", "Invalid/missing commands", null);
            return b.outcome();
        }
        // As in Mosquitto, the correlation data of one command carries over to a following entry
        // that is not an object or has no command.
        String correlationData = null;
        for (JsonNode cmd : commands) {
            if (!cmd.isObject()) {
                b.reply("Unknown command", "Command not an object", correlationData);
                continue;
            }
            Json.Str command = Json.string(cmd, "command");
            if (!command.requiredOk()) {
                b.reply("Unknown command", "Missing command", correlationData);
                continue;
            }
            Json.Str corr = Json.string(cmd, "correlationData");
            if (!corr.valid()) {
                b.reply(command.value(), "Invalid correlationData data type.", null);
                return b.outcome(); // Mosquitto stops at this command
            }
            correlationData = corr.value();
            dispatch(b, command.value(), cmd, correlationData);
        }
        return b.outcome();
    }

    private static void dispatch(Batch b, String command, JsonNode cmd, String corr) {
        switch (command.toLowerCase(Locale.ROOT)) {
            case "setdefaultaclaccess" -> AccessCommands.set(b, cmd, corr);
            case "getdefaultaclaccess" -> AccessCommands.get(b, corr);
            case "createclient" -> ClientCommands.create(b, cmd, corr);
            case "deleteclient" -> ClientCommands.delete(b, cmd, corr);
            case "getclient" -> ClientCommands.get(b, cmd, corr);
            case "listclients" -> ClientCommands.list(b, cmd, corr);
            case "modifyclient" -> ClientCommands.modify(b, cmd, corr);
            case "setclientpassword" -> ClientCommands.setPassword(b, cmd, corr);
            case "setclientid" -> ClientCommands.setId(b, cmd, corr);
            case "addclientrole" -> ClientCommands.addRole(b, cmd, corr);
            case "removeclientrole" -> ClientCommands.removeRole(b, cmd, corr);
            case "enableclient" -> ClientCommands.enable(b, cmd, corr, true);
            case "disableclient" -> ClientCommands.enable(b, cmd, corr, false);
            case "addgroupclient" -> GroupCommands.addClient(b, cmd, corr);
            case "creategroup" -> GroupCommands.create(b, cmd, corr);
            case "deletegroup" -> GroupCommands.delete(b, cmd, corr);
            case "getgroup" -> GroupCommands.get(b, cmd, corr);
            case "listgroups" -> GroupCommands.list(b, cmd, corr);
            case "modifygroup" -> GroupCommands.modify(b, cmd, corr);
            case "removegroupclient" -> GroupCommands.removeClient(b, cmd, corr);
            case "addgrouprole" -> GroupCommands.addRole(b, cmd, corr);
            case "removegrouprole" -> GroupCommands.removeRole(b, cmd, corr);
            case "setanonymousgroup" -> GroupCommands.setAnonymous(b, cmd, corr);
            case "getanonymousgroup" -> GroupCommands.getAnonymous(b, corr);
            case "createrole" -> RoleCommands.create(b, cmd, corr);
            case "getrole" -> RoleCommands.get(b, cmd, corr);
            case "listroles" -> RoleCommands.list(b, cmd, corr);
            case "modifyrole" -> RoleCommands.modify(b, cmd, corr);
            case "deleterole" -> RoleCommands.delete(b, cmd, corr);
            case "addroleacl" -> RoleCommands.addAcl(b, cmd, corr);
            case "removeroleacl" -> RoleCommands.removeAcl(b, cmd, corr);
            default -> b.reply(command, "Unknown command", corr);
        }
    }
}
