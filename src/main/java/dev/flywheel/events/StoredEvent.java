package dev.flywheel.events;

import dev.flywheel.platform.Mode;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** An event in the log: what the producer sent, the schema version it was validated against, and when it arrived. */
public record StoredEvent(String id, Mode mode, String clientId, String type, int schemaVersion, String account, String user,
        String source, String outcome, String orderingKey, Instant occurredAt, Instant receivedAt, JsonNode data) {
}
