package io.starling.auth.dynsec;

import java.util.List;
import java.util.Objects;

/**
 * A client of the dynamic-security plugin, keyed by username.
 *
 * @param username        never null
 * @param clientId        if set, the client must connect with exactly this client id; null otherwise
 * @param password        null if the client has no password (it can then not log in through the plugin)
 * @param textName        free text or null
 * @param textDescription free text or null
 * @param disabled        a disabled client is refused
 * @param roles           in evaluation order (priority descending, then name)
 */
public record DynsecClient(String username, String clientId, PasswordHash password, String textName,
                           String textDescription, boolean disabled, List<RoleRef> roles) {

    public DynsecClient {
        Objects.requireNonNull(username, "username");
        roles = List.copyOf(roles);
    }

    /** A new client as {@code createClient} makes it: enabled, no roles. */
    public static DynsecClient named(String username) {
        return new DynsecClient(username, null, null, null, null, false, List.of());
    }

    public DynsecClient withClientId(String id) {
        return new DynsecClient(username, id, password, textName, textDescription, disabled, roles);
    }

    public DynsecClient withPassword(PasswordHash hash) {
        return new DynsecClient(username, clientId, hash, textName, textDescription, disabled, roles);
    }

    public DynsecClient withTextName(String text) {
        return new DynsecClient(username, clientId, password, text, textDescription, disabled, roles);
    }

    public DynsecClient withTextDescription(String text) {
        return new DynsecClient(username, clientId, password, textName, text, disabled, roles);
    }

    public DynsecClient withDisabled(boolean value) {
        return new DynsecClient(username, clientId, password, textName, textDescription, value, roles);
    }

    public DynsecClient withRoles(List<RoleRef> list) {
        return new DynsecClient(username, clientId, password, textName, textDescription, disabled, list);
    }

    /** True if the client has the role. */
    public boolean hasRole(String rolename) {
        return roles.stream().anyMatch(r -> r.rolename().equals(rolename));
    }
}
