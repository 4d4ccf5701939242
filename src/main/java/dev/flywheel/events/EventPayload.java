package dev.flywheel.events;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON an event is delivered as (webhook body, REST Hooks sample), following the Standard
 * Webhooks payload structure: {@code type}, {@code timestamp} (when it occurred) and {@code data},
 * plus the event's {@code id} and tags. Receivers can rely on this shape.
 */
public final class EventPayload {

    private EventPayload() {
    }

    public static ObjectNode of(JsonMapper json, StoredEvent event) {
        return of(json, event.id(), event.type(), event.schemaVersion(), event.occurredAt(), event.mode().wire(), event.account(),
                event.user(), event.source(), event.outcome(), event.data());
    }

    public static ObjectNode of(JsonMapper json, String id, String type, int schemaVersion, Instant occurredAt, String mode, String account,
            String user, String source, String outcome, JsonNode data) {
        ObjectNode body = json.createObjectNode();
        body.put("id", id);
        body.put("type", type);
        body.put("timestamp", occurredAt.toString());
        body.put("schema_version", schemaVersion);
        body.put("mode", mode);
        putIfPresent(body, "account", account);
        putIfPresent(body, "user", user);
        putIfPresent(body, "source", source);
        putIfPresent(body, "outcome", outcome);
        body.set("data", data == null ? json.createObjectNode() : data);
        return body;
    }

    private static void putIfPresent(ObjectNode body, String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
