package io.starling.session;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Several events written as one journal entry: one batch of a session's writer. A row per event
 * made the embedded database's index upkeep the bottleneck of durable QoS 1 (about 1 500 msg/s,
 * three events per message; see docs/benchmarks.md); one row per batch costs one index update
 * however many messages the batch holds. Replaying it applies its events in order.
 *
 * @param events the batch, in the order recorded; each stored with its class name
 */
public record EventsRecorded(@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) List<SessionEvent> events)
        implements SessionEvent {

    public EventsRecorded {
        events = List.copyOf(events);
    }

    /** True when the batch ends the session. */
    boolean endsSession() {
        return !events.isEmpty() && events.get(events.size() - 1) instanceof SessionEnded;
    }
}
