package dev.flywheel.events;

import java.time.Instant;

/**
 * A kind of event in the catalog, e.g. {@code deal.closed_won}.
 *
 * @param origin {@code flywheel} for what Flywheel itself emits, {@code product} for the product's own events
 * @param latestVersion the schema version new events are validated against
 * @param deprecatedAt when the type was deprecated (still accepted and delivered), or null
 */
public record EventType(String id, String name, String description, String origin, int latestVersion, Instant deprecatedAt,
        String deprecationNote, Instant createdAt, Instant updatedAt) {

    public boolean deprecated() {
        return deprecatedAt != null;
    }
}
