package io.starling.session;

/**
 * The client went away at {@code atMillis} (wall clock); the session expires {@code expirySeconds}
 * later (which the DISCONNECT may have changed), so the expiry counts on while the node is down.
 */
public record ConnectionEnded(long atMillis, long expirySeconds) implements SessionEvent {
}
