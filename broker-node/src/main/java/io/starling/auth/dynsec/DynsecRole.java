package io.starling.auth.dynsec;

import java.util.List;
import java.util.Objects;

/**
 * A named set of ACL rules.
 *
 * @param rolename        never null
 * @param textName        free text or null
 * @param textDescription free text or null
 * @param acls            grouped by {@link AclType} in declaration order, within a type in
 *                        evaluation order (priority descending, equal priorities as added)
 */
public record DynsecRole(String rolename, String textName, String textDescription, List<Acl> acls) {

    public DynsecRole {
        Objects.requireNonNull(rolename, "rolename");
        acls = List.copyOf(acls);
    }

    public static DynsecRole named(String rolename) {
        return new DynsecRole(rolename, null, null, List.of());
    }

    public DynsecRole withTextName(String text) {
        return new DynsecRole(rolename, text, textDescription, acls);
    }

    public DynsecRole withTextDescription(String text) {
        return new DynsecRole(rolename, textName, text, acls);
    }

    public DynsecRole withAcls(List<Acl> list) {
        return new DynsecRole(rolename, textName, textDescription, list);
    }

    /** The rule of this type with exactly this topic, or null. */
    public Acl acl(AclType type, String topic) {
        return acls.stream().filter(a -> a.type() == type && a.topic().equals(topic)).findFirst().orElse(null);
    }
}
