package dev.flywheel.events;

import java.util.List;

/**
 * A consumer of every newly stored event, called inside the transaction that stores them: whatever
 * it writes commits or rolls back together with the events. Duplicates (an id seen before) are not
 * passed on. Implementations must be fast (no network calls): they queue work, they do not do it.
 */
public interface EventFanOut {

    void accepted(List<StoredEvent> events);
}
