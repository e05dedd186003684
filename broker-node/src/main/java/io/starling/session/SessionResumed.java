package io.starling.session;

/** A client connected to its existing session, with this session expiry interval. */
public record SessionResumed(long expirySeconds) implements SessionEvent {
}
