package dev.flywheel.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one transformation Flywheel applies to deliver an event to a consumer pinned to an older
 * schema version: dropping what that version does not declare. For every object the older schema
 * describes with {@code properties}, members it does not list are removed (recursively, also in
 * array {@code items}); values are never changed, renamed, converted or invented. Whether the
 * result then satisfies the older version is decided by validating it; a removed or retyped field
 * can not be restored this way, so such events do not conform. A pure function.
 */
final class SchemaProjection {

    private SchemaProjection() {
    }

    /** A copy of {@code data} holding only what {@code schema} declares (where it declares properties). */
    static JsonNode project(JsonNode schema, JsonNode data) {
        if (data == null || schema == null || !schema.isObject()) {
            return data;
        }
        if (data.isObject()) {
            JsonNode properties = schema.get("properties");
            ObjectNode copy = ((ObjectNode) data).deepCopy();
            if (properties != null && properties.isObject()) {
                List<String> undeclared = new ArrayList<>();
                for (Map.Entry<String, JsonNode> member : copy.properties()) {
                    if (!properties.has(member.getKey())) {
                        undeclared.add(member.getKey());
                    }
                }
                undeclared.forEach(copy::remove);
                for (Map.Entry<String, JsonNode> member : new ArrayList<>(copy.properties())) {
                    copy.set(member.getKey(), project(properties.get(member.getKey()), member.getValue()));
                }
            }
            return copy;
        }
        if (data.isArray() && schema.get("items") != null) {
            ArrayNode copy = ((ArrayNode) data).deepCopy();
            for (int i = 0; i < copy.size(); i++) {
                copy.set(i, project(schema.get("items"), copy.get(i)));
            }
            return copy;
        }
        return data;
    }
}
