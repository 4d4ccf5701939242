package dev.flywheel.events;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One published schema of an event type. Versions never change once published.
 *
 * @param example an example {@code data} object that satisfies the schema (the sample payload), or null
 * @param breakingChanges what this version breaks for consumers of the previous one (empty for version 1)
 */
public record EventTypeVersion(String typeName, int version, JsonNode schema, JsonNode example, List<BreakingChange> breakingChanges,
        Instant createdAt) {

    /** A change that can break consumers: {@code removed}, {@code retyped} or {@code no_longer_required}, at a dotted path. */
    public record BreakingChange(String path, String kind, String detail) {
    }

    public boolean breaking() {
        return !breakingChanges.isEmpty();
    }
}
