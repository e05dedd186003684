package io.starling.session;

/** The session no longer subscribes to {@code filter}. */
public record Unsubscribed(String filter) implements SessionEvent {
}
