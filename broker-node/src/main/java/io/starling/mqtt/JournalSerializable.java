package io.starling.mqtt;

/**
 * Marks what the broker writes to its journal and snapshot store (events, snapshots). Pekko
 * serializes every class that implements it with Jackson CBOR (the binding is in
 * {@code reference.conf}).
 *
 * <p>A class's fully qualified name is stored with its bytes: renaming or moving such a class, or
 * renaming one of its fields, makes data already on disk unreadable. Add fields instead.
 */
public interface JournalSerializable {
}
