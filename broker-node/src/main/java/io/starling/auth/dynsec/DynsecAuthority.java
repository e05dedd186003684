package io.starling.auth.dynsec;

import io.starling.auth.Access;
import io.starling.mqtt.Topics;
import java.util.List;

/**
 * Authentication and authorisation against a {@link DynsecState}, with the plugin's rules.
 *
 * <p>Authorisation tries the client's roles (highest priority first, then by name), then for each
 * of its groups (highest priority first, then by name) the group's roles; an anonymous client
 * (no username) tries the anonymous group's roles. Within a role the rules of the kind asked are
 * tried highest priority first; the first matching rule decides. With no match the default access
 * of the kind decides, except that topics starting with {@code $CONTROL} are never granted by
 * default. A username the plugin does not know gets nothing from it.
 */
public final class DynsecAuthority {

    private static final String CONTROL_PREFIX = "$CONTROL";

    private DynsecAuthority() {
    }

    /**
     * Checks a CONNECT's credentials.
     *
     * @param username null for an anonymous client
     * @param password null if the client sent none; bytes from the first 0 on do not count, as in C
     * @param clientId the client id of the connection
     */
    public static AuthResult authenticate(DynsecState state, String username, byte[] password, String clientId) {
        if (username == null || password == null) {
            return AuthResult.DEFER;
        }
        DynsecClient client = state.client(username);
        if (client == null) {
            return AuthResult.DEFER;
        }
        if (client.disabled()) {
            return AuthResult.REFUSE;
        }
        if (client.clientId() != null && !client.clientId().equals(clientId)) {
            return AuthResult.REFUSE;
        }
        if (client.password() == null) {
            return AuthResult.DEFER;
        }
        return client.password().matches(password) ? AuthResult.ACCEPT : AuthResult.REFUSE;
    }

    /**
     * True if the plugin grants {@code access} on {@code topic} (a topic name for READ/WRITE, a
     * filter for SUBSCRIBE/UNSUBSCRIBE). False covers both "denied" and "the plugin has no opinion",
     * which Mosquitto turns into a denial when no other source decides.
     *
     * @param clientId not consulted by the plugin; kept so callers pass what Mosquitto passes
     */
    public static boolean allows(DynsecState state, String username, String clientId, String topic, Access access) {
        Boolean decided = null;
        if (username != null) {
            DynsecClient client = state.client(username);
            if (client == null) {
                return false; // MOSQ_ERR_PLUGIN_DEFER, whatever the default access
            }
            decided = check(state, client.roles(), topic, access);
            if (decided == null) {
                for (GroupRef ref : state.groupsOf(username)) {
                    decided = check(state, state.group(ref.groupname()).roles(), topic, access);
                    if (decided != null) {
                        break;
                    }
                }
            }
        } else if (state.group(state.anonymousGroup()) != null) {
            decided = check(state, state.group(state.anonymousGroup()).roles(), topic, access);
        }
        if (decided != null) {
            return decided;
        }
        return defaultFor(state.defaultAccess(), access) && !topic.startsWith(CONTROL_PREFIX);
    }

    private static boolean defaultFor(DefaultAccess d, Access access) {
        return switch (access) {
            case READ -> d.publishClientReceive();
            case WRITE -> d.publishClientSend();
            case SUBSCRIBE -> d.subscribe();
            case UNSUBSCRIBE -> d.unsubscribe();
        };
    }

    /** The decision of the first matching rule in these roles, or null if none matches. */
    private static Boolean check(DynsecState state, List<RoleRef> roles, String topic, Access access) {
        for (RoleRef ref : roles) {
            DynsecRole role = state.role(ref.rolename());
            if (role == null) {
                continue;
            }
            Boolean decided = switch (access) {
                case READ -> firstPublishMatch(role, AclType.PUBLISH_CLIENT_RECEIVE, topic);
                case WRITE -> firstPublishMatch(role, AclType.PUBLISH_CLIENT_SEND, topic);
                case SUBSCRIBE -> firstSubscribeMatch(role, AclType.SUBSCRIBE_LITERAL, AclType.SUBSCRIBE_PATTERN, topic);
                case UNSUBSCRIBE -> firstSubscribeMatch(role, AclType.UNSUBSCRIBE_LITERAL,
                        AclType.UNSUBSCRIBE_PATTERN, topic);
            };
            if (decided != null) {
                return decided;
            }
        }
        return null;
    }

    private static Boolean firstPublishMatch(DynsecRole role, AclType type, String topic) {
        for (Acl acl : role.acls()) {
            if (acl.type() == type && Topics.isValidFilter(acl.topic()) && Topics.isValidTopicName(topic)
                    && Topics.matches(acl.topic(), topic)) {
                return acl.allow();
            }
        }
        return null;
    }

    /** A literal rule for exactly this filter first, then the patterns in priority order. */
    private static Boolean firstSubscribeMatch(DynsecRole role, AclType literal, AclType pattern, String filter) {
        Acl exact = role.acl(literal, filter);
        if (exact != null) {
            return exact.allow();
        }
        for (Acl acl : role.acls()) {
            if (acl.type() == pattern && SubscriptionPattern.covers(acl.topic(), filter)) {
                return acl.allow();
            }
        }
        return null;
    }
}
