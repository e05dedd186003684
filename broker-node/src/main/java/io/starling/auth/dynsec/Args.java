package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument checks every command starts with, replying with Mosquitto's error text when one
 * fails (the caller then stops), plus the reading of a {@code "roles"} list.
 */
final class Args {

    static final String USERNAME = "username";
    static final String GROUPNAME = "groupname";
    static final String ROLENAME = "rolename";

    private Args() {
    }

    /** A required, valid UTF-8 name; null (after replying) if missing or invalid. */
    static String name(Batch b, String command, JsonNode cmd, String field, String correlationData) {
        Json.Str s = Json.string(cmd, field);
        if (!s.requiredOk()) {
            b.reply(command, "Invalid/missing " + field, correlationData);
            return null;
        }
        if (!CStrings.isValidUtf8(s.value())) {
            b.reply(command, switch (field) {
                case USERNAME -> "Username not valid UTF-8";
                case GROUPNAME -> "Group name not valid UTF-8";
                default -> "Role name not valid UTF-8";
            }, correlationData);
            return null;
        }
        return s.value();
    }

    /** Outcome of {@code dynsec_rolelist__load_from_json}. */
    /** The optional {@code textname} and {@code textdescription} of a create command. */
    record Texts(String name, String description) {
    }

    /**
     * The texts of {@code cmd}, or null after answering the first bad one, as the plugin checks
     * them: {@code textname} first.
     */
    static Texts texts(Batch b, String command, JsonNode cmd, String correlationData) {
        Json.Str textName = Json.string(cmd, "textname");
        if (!textName.valid()) {
            b.reply(command, "Invalid/missing textname", correlationData);
            return null;
        }
        Json.Str textDescription = Json.string(cmd, "textdescription");
        if (!textDescription.valid()) {
            b.reply(command, "Invalid/missing textdescription", correlationData);
            return null;
        }
        return new Texts(textName.value(), textDescription.value());
    }

    enum RolesStatus { ABSENT, OK, ROLE_NOT_FOUND, INVALID }

    record Roles(RolesStatus status, List<RoleRef> roles) {
    }

    /**
     * The {@code "roles"} member of a command: each entry needs a {@code rolename} string naming an
     * existing role; the first problem decides the status; a role listed twice counts once.
     */
    static Roles roles(DynsecState state, JsonNode cmd) {
        JsonNode list = Json.get(cmd, "roles");
        if (list == null) {
            return new Roles(RolesStatus.ABSENT, List.of());
        }
        if (!list.isArray()) {
            return new Roles(RolesStatus.INVALID, List.of());
        }
        List<RoleRef> out = new ArrayList<>();
        for (JsonNode r : list) {
            String rolename = Json.stringOrNull(r, ROLENAME);
            if (rolename == null) {
                return new Roles(RolesStatus.INVALID, List.of());
            }
            if (state.role(rolename) == null) {
                return new Roles(RolesStatus.ROLE_NOT_FOUND, List.of());
            }
            if (out.stream().noneMatch(x -> x.rolename().equals(rolename))) {
                out = Ordering.insert(out, new RoleRef(rolename, Json.intOr(r, "priority", -1)), Ordering.ROLES);
            }
        }
        return new Roles(RolesStatus.OK, out);
    }

    /** The page of a list command: {@code offset} skipped, then {@code count} (-1: all; 0 acts as 1). */
    static <T> List<T> page(List<T> all, JsonNode cmd) {
        int count = Json.intOr(cmd, "count", -1);
        int offset = Json.intOr(cmd, "offset", 0);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i >= offset) {
                out.add(all.get(i));
                if (count >= 0) {
                    count--;
                    if (count <= 0) {
                        break;
                    }
                }
            }
        }
        return out;
    }
}
