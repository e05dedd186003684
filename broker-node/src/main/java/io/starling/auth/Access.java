package io.starling.auth;

/**
 * What a client asks to do with a topic, as Mosquitto's ACL checks name it. Each security source
 * (ACL file, dynamic security) gives these its own meaning: an ACL file grants every
 * {@link #SUBSCRIBE} and checks {@link #READ} on each delivery, as Mosquitto 2.0 does, while
 * dynamic security checks a SUBSCRIBE against its subscribe rules.
 */
public enum Access {
    /** A message is delivered to the client (Mosquitto's {@code MOSQ_ACL_READ}). */
    READ,
    /** The client publishes to the topic, or leaves a will on it ({@code MOSQ_ACL_WRITE}). */
    WRITE,
    /** The client subscribes to the filter ({@code MOSQ_ACL_SUBSCRIBE}). */
    SUBSCRIBE,
    /** The client unsubscribes from the filter ({@code MOSQ_ACL_UNSUBSCRIBE}). */
    UNSUBSCRIBE
}
