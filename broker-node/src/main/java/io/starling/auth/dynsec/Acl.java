package io.starling.auth.dynsec;

import java.util.Objects;

/**
 * One rule of a role: for {@code type}, a topic (or filter) matching {@code topic} is allowed or
 * denied. Within a role and type, rules are tried highest {@code priority} first.
 *
 * @param type     which operation the rule governs
 * @param topic    the topic filter, or for the literal types the exact filter
 * @param priority higher is tried first; 0 when not given
 * @param allow    true grants, false denies
 */
public record Acl(AclType type, String topic, int priority, boolean allow) {

    public Acl {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
    }
}
