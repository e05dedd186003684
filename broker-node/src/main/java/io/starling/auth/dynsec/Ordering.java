package io.starling.auth.dynsec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The orders Mosquitto keeps its lists in (uthash "insert in order"): roles and groups of a client,
 * highest priority first then by name; ACLs of one type highest priority first, equal priorities in
 * the order they were added.
 */
final class Ordering {

    static final Comparator<RoleRef> ROLES = byPriorityThenName(RoleRef::priority, RoleRef::rolename);
    static final Comparator<GroupRef> GROUPS = byPriorityThenName(GroupRef::priority, GroupRef::groupname);
    static final Comparator<ClientRef> CLIENTS = Comparator.comparing(ClientRef::username, CStrings.ORDER);

    private Ordering() {
    }

    private static <T> Comparator<T> byPriorityThenName(ToIntFunction<T> priority, Function<T, String> name) {
        return (a, b) -> {
            int p = Integer.compare(priority.applyAsInt(b), priority.applyAsInt(a));
            return p != 0 ? p : CStrings.compare(name.apply(a), name.apply(b));
        };
    }

    /** A copy of {@code list} with {@code item} inserted before the first element it sorts before. */
    static <T> List<T> insert(List<T> list, T item, Comparator<T> order) {
        List<T> out = new ArrayList<>(list);
        int i = 0;
        while (i < out.size() && order.compare(out.get(i), item) <= 0) {
            i++;
        }
        out.add(i, item);
        return List.copyOf(out);
    }

    /**
     * A copy of {@code acls} with {@code acl} added: after the rules of earlier types and after the
     * rules of its type with the same or a higher priority.
     */
    static List<Acl> insertAcl(List<Acl> acls, Acl acl) {
        List<Acl> out = new ArrayList<>(acls);
        int i = 0;
        while (i < out.size() && (out.get(i).type().ordinal() < acl.type().ordinal()
                || (out.get(i).type() == acl.type() && out.get(i).priority() >= acl.priority()))) {
            i++;
        }
        out.add(i, acl);
        return List.copyOf(out);
    }
}
