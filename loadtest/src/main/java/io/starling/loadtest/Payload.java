package io.starling.loadtest;

import io.netty.buffer.ByteBuf;

/**
 * What every load-test message carries, so a subscriber can tell which run and publisher sent
 * it, which one it is (to count losses, duplicates and reordering) and when it was sent (for
 * latency).
 *
 * <p>Layout, big-endian: magic "SLT2" (4 bytes), run id (int), publisher id (int), sequence
 * number (long), send time from {@link System#nanoTime()} (long), then zero padding up to the
 * requested payload size. The run id lets a persistent session ({@code --clean-session false})
 * tell this run's messages from ones an earlier run left queued for it. The send time is only
 * meaningful inside the JVM that wrote it, which is fine because publishers and subscribers run
 * in the same generator process.
 */
record Payload(int runId, int publisherId, long sequence, long sendNanos) {

    /** "SLT2": rejects messages that were not written by this generator (version 2: with run id). */
    static final int MAGIC = 0x534C5432;

    /** The smallest payload that can carry the fields. */
    static final int HEADER_BYTES = 4 + 4 + 4 + 8 + 8;

    /** Appends this payload to {@code buf}, padded with zeros to {@code totalBytes}. */
    void writeTo(ByteBuf buf, int totalBytes) {
        if (totalBytes < HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "payload of " + totalBytes + " bytes is too small, need at least " + HEADER_BYTES);
        }
        buf.writeInt(MAGIC);
        buf.writeInt(runId);
        buf.writeInt(publisherId);
        buf.writeLong(sequence);
        buf.writeLong(sendNanos);
        buf.writeZero(totalBytes - HEADER_BYTES);
    }

    /** Reads a payload at the buffer's reader index without moving it. */
    static Payload readFrom(ByteBuf buf) {
        int start = buf.readerIndex();
        if (buf.readableBytes() < HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "payload of " + buf.readableBytes() + " bytes is too short for a load-test message");
        }
        if (buf.getInt(start) != MAGIC) {
            throw new IllegalArgumentException("payload is not a load-test message (bad magic)");
        }
        return new Payload(buf.getInt(start + 4), buf.getInt(start + 8), buf.getLong(start + 12),
                buf.getLong(start + 20));
    }
}
