package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The working context of one control payload: the state as it evolves command by command, the
 * responses so far, the clients to disconnect and whether the file would have been saved. Lives
 * for one {@link DynsecCommands#apply} call only.
 */
final class Batch {

    DynsecState state;
    final ArrayNode responses = Json.MAPPER.createArrayNode();
    private final Set<String> kickedUsernames = new LinkedHashSet<>();
    private boolean kickAnonymous;
    private boolean saved;
    private final SecureRandom random;

    Batch(DynsecState state, SecureRandom random) {
        this.state = state;
        this.random = random;
    }

    SecureRandom random() {
        return random;
    }

    /** {@code dynsec__command_reply}: success when {@code error} is null. */
    void reply(String command, String error, String correlationData) {
        ObjectNode r = responses.addObject().put("command", command);
        if (error != null) {
            r.put("error", error);
        }
        if (correlationData != null) {
            r.put("correlationData", correlationData);
        }
    }

    /** A successful answer with data: {@code {"command":..,"data":{..},"correlationData":..}}. */
    ObjectNode answer(String command, String correlationData) {
        ObjectNode r = Json.object().put("command", command);
        ObjectNode data = r.putObject("data");
        if (correlationData != null) {
            r.put("correlationData", correlationData);
        }
        responses.add(r);
        return data;
    }

    void save() {
        saved = true;
    }

    void kick(String username) {
        kickedUsernames.add(username);
    }

    void kickAnonymous() {
        kickAnonymous = true;
    }

    /** {@code group__kick_all}: the members, and anonymous clients if it is the anonymous group. */
    void kickGroup(DynsecGroup group) {
        if (group.groupname().equals(state.anonymousGroup())) {
            kickAnonymous();
        }
        group.clients().forEach(c -> kick(c.username()));
    }

    /** {@code role__kick_all}: clients with the role, and everyone in a group with the role. */
    void kickRole(String rolename) {
        state.clients().values().stream().filter(c -> c.hasRole(rolename)).forEach(c -> kick(c.username()));
        state.groups().values().stream().filter(g -> g.hasRole(rolename)).forEach(this::kickGroup);
    }

    CommandOutcome outcome() {
        return new CommandOutcome(state, CJsonPrinter.compact(Json.object().set("responses", responses)),
                new Kicks(kickedUsernames, kickAnonymous), saved);
    }
}
