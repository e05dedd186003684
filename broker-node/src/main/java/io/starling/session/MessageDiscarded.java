package io.starling.session;

/** The oldest queued QoS 1/2 message was dropped instead of sent (expired, too large): {@code count} of them. */
public record MessageDiscarded(int count) implements SessionEvent {
}
