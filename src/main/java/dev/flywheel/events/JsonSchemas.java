package dev.flywheel.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * JSON Schema (draft 2020-12 unless a schema names another dialect in {@code $schema}) through the
 * networknt validator, whose 3.x line works on Jackson 3 trees directly. Remote {@code $ref}s are
 * never fetched: a schema is self-contained, and the server must not be made to call URLs.
 * Compiled schemas are cached by their text; a schema version never changes once published.
 */
@Component
class JsonSchemas {

    /** One broken rule: where in the instance (dotted path, empty for the root) and what is wrong. */
    record Violation(String path, String message) {
    }

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    private final Schema metaSchema = registry.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    /** What makes {@code schema} an invalid JSON Schema; empty when it is valid. */
    List<Violation> problemsOf(JsonNode schema) {
        if (schema == null || !(schema.isObject() || schema.isBoolean())) {
            return List.of(new Violation("", "must be a JSON Schema object"));
        }
        List<Violation> problems = violations(metaSchema.validate(schema));
        if (problems.isEmpty()) {
            try {
                compile(schema);
            } catch (RuntimeException e) {
                problems = List.of(new Violation("", "cannot be used: " + e.getMessage()));
            }
        }
        return problems;
    }

    List<Violation> validate(JsonNode schema, JsonNode instance) {
        return violations(compile(schema).validate(instance));
    }

    private Schema compile(JsonNode schema) {
        if (compiled.size() > 10_000) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(schema.toString(), text -> registry.getSchema(schema));
    }

    private static List<Violation> violations(List<Error> errors) {
        List<Violation> out = new ArrayList<>(errors.size());
        for (Error e : errors) {
            out.add(new Violation(dotted(e.getInstanceLocation()), message(e)));
        }
        return out;
    }

    /** The instance location as {@code items[0].sku}; the root is the empty string. */
    static String dotted(NodePath location) {
        StringBuilder out = new StringBuilder();
        if (location == null) {
            return "";
        }
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(element);
            }
        }
        return out.toString();
    }

    private static String message(Error e) {
        String message = e.getMessage();
        String location = e.getInstanceLocation() == null ? null : e.getInstanceLocation().toString();
        if (location != null && message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        return message;
    }
}
