package io.starling.route.local;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The literal children of a trie node, keyed by level name.
 *
 * <p>Why not a {@code ConcurrentHashMap}: its lookups need a key object equal to the stored one,
 * so matching a PUBLISH would create a substring per topic level. Here a lookup takes the level as a
 * region of the topic string ({@link #get(String, int, int)}) and allocates nothing.
 *
 * <p>Concurrency: any number of readers, without locks, and one writer at a time (the caller's
 * lock guarantees that). Buckets hold immutable chains of {@link Entry} (final fields). A writer
 * never changes an entry: it publishes a new chain head into a bucket (a volatile write to the
 * {@link AtomicReferenceArray}) or a whole new, fully built array (a volatile field). A reader
 * therefore always walks one complete chain, as it was before or after a write, and a key present
 * throughout a lookup is always found.
 */
final class LevelTable<N> {

    private static final int MIN_CAPACITY = 4;

    private record Entry<N>(String key, int hash, N value, Entry<N> next) {
    }

    private volatile AtomicReferenceArray<Entry<N>> buckets = new AtomicReferenceArray<>(MIN_CAPACITY);

    /** Number of keys; read and written by the writer only. */
    private int size;

    /** The value for the level {@code s[start, end)}, or null. Lock-free, allocation-free. */
    N get(String s, int start, int end) {
        int hash = hash(s, start, end);
        int length = end - start;
        AtomicReferenceArray<Entry<N>> table = buckets;
        for (Entry<N> e = table.get(index(hash, table.length())); e != null; e = e.next) {
            if (e.hash == hash && e.key.length() == length && e.key.regionMatches(0, s, start, length)) {
                return e.value;
            }
        }
        return null;
    }

    /** The value for {@code key}, or null. */
    N get(String key) {
        return get(key, 0, key.length());
    }

    /** Adds {@code key}, which must be absent. Writer only. */
    void putNew(String key, N value) {
        AtomicReferenceArray<Entry<N>> table = buckets;
        if (size + 1 > table.length() / 4 * 3) {
            table = rehash(table, table.length() * 2);
        }
        int hash = key.hashCode();
        int i = index(hash, table.length());
        table.set(i, new Entry<>(key, hash, value, table.get(i)));
        size++;
    }

    /** Removes {@code key}; returns its value or null if it was absent. Writer only. */
    N remove(String key) {
        AtomicReferenceArray<Entry<N>> table = buckets;
        int hash = key.hashCode();
        int i = index(hash, table.length());
        Entry<N> head = table.get(i);
        Entry<N> found = head;
        while (found != null && !(found.hash == hash && found.key.equals(key))) {
            found = found.next;
        }
        if (found == null) {
            return null;
        }
        table.set(i, without(head, found));
        size--;
        if (table.length() > MIN_CAPACITY && size < table.length() / 8) {
            rehash(table, table.length() / 2);
        }
        return found.value;
    }

    /** Calls {@code action} for every value; lock-free like {@link #get}. */
    void forEachValue(Consumer<N> action) {
        AtomicReferenceArray<Entry<N>> table = buckets;
        for (int b = 0; b < table.length(); b++) {
            for (Entry<N> e = table.get(b); e != null; e = e.next) {
                action.accept(e.value);
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The chain from {@code head} without {@code removed}: copies the entries before it, shares the rest. */
    private static <N> Entry<N> without(Entry<N> head, Entry<N> removed) {
        int before = 0;
        for (Entry<N> e = head; e != removed; e = e.next) {
            before++;
        }
        @SuppressWarnings("unchecked")
        Entry<N>[] copied = new Entry[before];
        Entry<N> e = head;
        for (int i = 0; i < before; i++, e = e.next) {
            copied[i] = e;
        }
        Entry<N> chain = removed.next;
        for (int i = before - 1; i >= 0; i--) {
            chain = new Entry<>(copied[i].key, copied[i].hash, copied[i].value, chain);
        }
        return chain;
    }

    /** Builds a new array with every entry, then publishes it in one volatile write. */
    private AtomicReferenceArray<Entry<N>> rehash(AtomicReferenceArray<Entry<N>> old, int capacity) {
        AtomicReferenceArray<Entry<N>> table = new AtomicReferenceArray<>(capacity);
        for (int b = 0; b < old.length(); b++) {
            for (Entry<N> e = old.get(b); e != null; e = e.next) {
                int i = index(e.hash, capacity);
                table.set(i, new Entry<>(e.key, e.hash, e.value, table.get(i)));
            }
        }
        buckets = table;
        return table;
    }

    /** Same value as {@code s.substring(start, end).hashCode()} (String's hash is specified). */
    static int hash(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    private static int index(int hash, int capacity) {
        return (hash ^ (hash >>> 16)) & (capacity - 1);
    }
}
