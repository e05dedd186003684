package io.starling.route.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole that crossed between nodes in numbered chunks (a snapshot too large for one message),
 * put back together in order. Chunks come in order on one link; a chunk out of turn (one was
 * lost, or a new transfer started) drops what was gathered, and the receiver asks again. Not
 * thread-safe: its actor's.
 *
 * @param <T> an item of the whole
 */
public final class ChunkAssembly<T> {

    private List<T> items;
    private long source;
    private int next;
    private long lastChunkNanos;

    /**
     * Adds chunk {@code index} of the transfer from {@code source} (e.g. the sender's incarnation).
     *
     * @return every item once the last chunk is in; null before that, or when a chunk was missed
     */
    public List<T> add(long source, int index, List<T> chunk, boolean last) {
        lastChunkNanos = System.nanoTime();
        if (index == 0) {
            items = new ArrayList<>();
            this.source = source;
            next = 0;
        }
        if (items == null || index != next || source != this.source) {
            items = null;
            return null;
        }
        items.addAll(chunk);
        next++;
        if (!last) {
            return null;
        }
        List<T> whole = items;
        items = null;
        return whole;
    }

    /** True while a transfer is under way and its last chunk came after {@code sinceNanos}. */
    public boolean receivingSince(long sinceNanos) {
        return items != null && lastChunkNanos - sinceNanos > 0;
    }

    /** Forgets a transfer under way. */
    public void drop() {
        items = null;
    }
}
