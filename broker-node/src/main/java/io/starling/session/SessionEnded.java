package io.starling.session;

/** The session ended (expired, clean start without persistence, expiry 0): nothing of it stays. */
public record SessionEnded(long atMillis) implements SessionEvent {
}
