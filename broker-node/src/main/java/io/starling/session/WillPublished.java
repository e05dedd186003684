package io.starling.session;

/** The delayed will was published: nothing is pending any more. */
public record WillPublished() implements SessionEvent {
}
