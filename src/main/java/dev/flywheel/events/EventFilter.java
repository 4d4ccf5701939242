package dev.flywheel.events;

import java.time.Instant;

/** Filters of the event log; every field is optional. {@code since} is inclusive, {@code until} exclusive (by occurrence time). */
public record EventFilter(String type, String account, String user, String source, String outcome, Instant since, Instant until) {

    public static EventFilter none() {
        return new EventFilter(null, null, null, null, null, null, null);
    }
}
