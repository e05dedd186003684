package io.starling.session;

/** A new session began (first connection or clean start): everything recorded before is gone. */
public record SessionStarted(long expirySeconds) implements SessionEvent {
}
