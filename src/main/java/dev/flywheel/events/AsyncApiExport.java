package dev.flywheel.events;

import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog as an AsyncAPI 3.0 document: one channel and one {@code send} operation per event
 * type, one message per type whose payload is the delivery envelope ({@link EventPayload}) with the
 * type's current schema as {@code data}, and the Standard Webhooks headers every delivery carries.
 */
@Component
class AsyncApiExport {

    private final EventCatalog catalog;
    private final JsonMapper json;

    AsyncApiExport(EventCatalog catalog, JsonMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    ObjectNode document(String serverUrl) {
        ObjectNode doc = json.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Flywheel events");
        info.put("version", "1");
        info.put("description", "Every event type Flywheel delivers to webhook endpoints, signed per the Standard Webhooks specification "
                + "(headers webhook-id, webhook-timestamp, webhook-signature). Deprecated types are marked in their summary.");
        ObjectNode servers = doc.putObject("servers");
        ObjectNode server = servers.putObject("flywheel");
        server.put("host", serverUrl.replaceFirst("^https?://", ""));
        server.put("protocol", serverUrl.startsWith("https") ? "https" : "http");
        server.put("description", "Webhooks are POSTed from this server to each subscribed endpoint");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        components.putObject("messageTraits").set("standardWebhooks", headersTrait());

        List<EventType> types = catalog.all();
        for (EventType type : types) {
            EventTypeVersion version = catalog.version(type.name(), type.latestVersion()).orElseThrow();
            String key = type.name();
            ObjectNode message = messages.putObject(key);
            message.put("name", type.name());
            message.put("title", type.name() + " (schema version " + version.version() + ")");
            message.put("summary", type.deprecated() ? "DEPRECATED. " + type.description() : type.description());
            message.put("contentType", "application/json");
            message.putArray("traits").addObject().put("$ref", "#/components/messageTraits/standardWebhooks");
            message.set("payload", envelope(type.name(), version));
            if (version.example() != null) {
                ArrayNode examples = message.putArray("examples");
                ObjectNode example = examples.addObject();
                example.put("name", "example");
                example.set("payload", EventPayload.of(json, "evt_01hx0000000000000000000000", type.name(), version.version(),
                        version.createdAt(), "live", "cus_4711", null, null, null, version.example()));
            }
            ObjectNode channel = channels.putObject(key);
            channel.put("address", type.name());
            channel.put("description", type.description());
            channel.putObject("messages").putObject(key).put("$ref", "#/components/messages/" + key);
            ObjectNode operation = operations.putObject("send." + key);
            operation.put("action", "send");
            operation.putObject("channel").put("$ref", "#/channels/" + key);
            operation.put("summary", "Flywheel POSTs " + type.name() + " events to subscribed endpoints");
        }
        return doc;
    }

    private ObjectNode envelope(String type, EventTypeVersion version) {
        ObjectNode schema = json.createObjectNode();
        schema.put("type", "object");
        ArrayNode required = schema.putArray("required");
        List.of("id", "type", "timestamp", "data").forEach(required::add);
        ObjectNode props = schema.putObject("properties");
        props.putObject("id").put("type", "string").put("description", "The event id, also sent as the webhook-id header");
        props.putObject("type").put("type", "string").put("const", type);
        props.putObject("timestamp").put("type", "string").put("format", "date-time").put("description", "When the event occurred");
        props.putObject("schema_version").put("type", "integer").put("const", version.version());
        props.putObject("mode").put("type", "string").putArray("enum").add("live").add("test");
        for (String tag : List.of("account", "user", "source", "outcome")) {
            props.putObject(tag).put("type", "string");
        }
        props.set("data", version.schema());
        return schema;
    }

    private ObjectNode headersTrait() {
        ObjectNode trait = json.createObjectNode();
        ObjectNode headers = trait.putObject("headers");
        headers.put("type", "object");
        ObjectNode props = headers.putObject("properties");
        props.putObject("webhook-id").put("type", "string").put("description", "Unique message id; the same on every retry");
        props.putObject("webhook-timestamp").put("type", "string").put("description", "Seconds since the epoch when this attempt was signed");
        props.putObject("webhook-signature").put("type", "string")
                .put("description", "Space-separated v1,<base64 HMAC-SHA256 of id.timestamp.body>; two during a secret rotation");
        return trait;
    }
}
