package io.starling.auth.dynsec;

import java.util.Locale;

/**
 * The six kinds of rule a dynamic-security role holds, named as in Mosquitto's JSON. A file and a
 * command spell them in any case ({@code strcasecmp} in Mosquitto); Starling writes them as below.
 */
public enum AclType {
    /** A client publishes to the broker ({@code MOSQ_ACL_WRITE}). */
    PUBLISH_CLIENT_SEND("publishClientSend"),
    /** The broker delivers a message to a client ({@code MOSQ_ACL_READ}). */
    PUBLISH_CLIENT_RECEIVE("publishClientReceive"),
    /** A SUBSCRIBE whose filter is exactly the rule's topic. */
    SUBSCRIBE_LITERAL("subscribeLiteral"),
    /** A SUBSCRIBE whose filter is covered by the rule's pattern. */
    SUBSCRIBE_PATTERN("subscribePattern"),
    /** An UNSUBSCRIBE whose filter is exactly the rule's topic. */
    UNSUBSCRIBE_LITERAL("unsubscribeLiteral"),
    /** An UNSUBSCRIBE whose filter is covered by the rule's pattern. */
    UNSUBSCRIBE_PATTERN("unsubscribePattern");

    private final String jsonName;

    AclType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in files, commands and answers. */
    public String jsonName() {
        return jsonName;
    }

    /** The type named {@code name} in any case, or {@code null} if there is none. */
    public static AclType fromJson(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (AclType type : values()) {
            if (type.jsonName.toLowerCase(Locale.ROOT).equals(lower)) {
                return type;
            }
        }
        return null;
    }
}
