package dev.flywheel.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Whether a new schema version breaks consumers of the previous one. A consumer written against
 * the old version relies on the fields it declared, on their types and on required fields being
 * present, so a change is breaking when it
 * <ul>
 * <li>removes a declared property ({@code removed}),</li>
 * <li>retypes a property so that it may now hold a type consumers never received: the new set of
 * types is not contained in the old one ({@code retyped}; {@code integer} counts as contained in
 * {@code number}, so narrowing {@code number} to {@code integer} is fine, widening is not),</li>
 * <li>makes a required property optional ({@code no_longer_required}).</li>
 * </ul>
 * Adding optional properties is never breaking. Nested objects ({@code properties}) and array
 * {@code items} are compared recursively. A pure function.
 */
final class SchemaCompatibility {

    /** One breaking change at a path (dotted, {@code []} for array items). */
    record Change(String path, String kind, String detail) {
    }

    private SchemaCompatibility() {
    }

    static List<Change> breakingChanges(JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        compare("", before, after, changes);
        return changes;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Change> out) {
        if (before == null || !before.isObject()) {
            return;
        }
        if (after == null || !after.isObject()) {
            if (after != null && after.isBoolean() && after.asBoolean()) {
                return;
            }
            out.add(new Change(path, "retyped", "the schema no longer describes this value"));
            return;
        }
        Set<String> oldTypes = types(before);
        Set<String> newTypes = types(after);
        if (!oldTypes.isEmpty() && (newTypes.isEmpty() || !narrowing(oldTypes, newTypes))) {
            out.add(new Change(path, "retyped", "type changes from " + oldTypes + " to " + newTypes));
            return;
        }
        JsonNode oldProps = before.get("properties");
        JsonNode newProps = after.get("properties");
        if (oldProps != null && oldProps.isObject()) {
            Set<String> newRequired = required(after);
            for (String name : required(before)) {
                if (!newRequired.contains(name) && (newProps == null || newProps.has(name))) {
                    out.add(new Change(join(path, name), "no_longer_required", "was required, now optional: consumers may not receive it"));
                }
            }
            for (Iterator<String> names = oldProps.propertyNames().iterator(); names.hasNext();) {
                String name = names.next();
                JsonNode newProp = newProps == null ? null : newProps.get(name);
                if (newProp == null) {
                    out.add(new Change(join(path, name), "removed", "the property is no longer in the schema"));
                } else {
                    compare(join(path, name), oldProps.get(name), newProp, out);
                }
            }
        }
        JsonNode oldItems = before.get("items");
        if (oldItems != null && oldItems.isObject()) {
            compare(path + "[]", oldItems, after.get("items"), out);
        }
    }

    /** Every type the new schema allows was already allowed before (an integer is a number). */
    private static boolean narrowing(Set<String> before, Set<String> after) {
        for (String type : after) {
            boolean known = before.contains(type) || ("integer".equals(type) && before.contains("number"));
            if (!known) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> types = new HashSet<>();
        JsonNode type = schema.get("type");
        if (type == null) {
            return types;
        }
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else {
            types.add(type.asString());
        }
        return types;
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> names = new HashSet<>();
        JsonNode required = schema.get("required");
        if (required != null && required.isArray()) {
            required.forEach(r -> names.add(r.asString()));
        }
        return names;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
