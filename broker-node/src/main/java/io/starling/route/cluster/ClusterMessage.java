package io.starling.route.cluster;

/**
 * Marks a message that travels between the nodes of a cluster. Pekko serializes every class that
 * implements it with Jackson CBOR (the binding is in {@code node/cluster.conf}). Unlike
 * {@link io.starling.mqtt.JournalSerializable}, nothing of it is kept on disk: nodes of one
 * cluster run the same version of Starling.
 */
public interface ClusterMessage {
}
