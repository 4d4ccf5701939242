package dev.flywheel.events;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.web.ApiException;
import dev.flywheel.platform.web.FieldError;
import dev.flywheel.platform.web.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The event-type catalog: publishing types and schema versions (with breaking-change detection),
 * deprecation, and the current schema of each type for ingestion.
 */
@Service
class EventCatalog {

    /** Lower-case dotted names such as {@code deal.closed_won} or {@code api.version.deprecated}. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    /** Ingestion reads the current schema from this cache; another node's new version is seen within this time. */
    private static final Duration CACHE_FOR = Duration.ofSeconds(5);

    /** The outcome of publishing: the type, the version now current, and whether this call created it. */
    record Published(EventType type, EventTypeVersion version, boolean created) {
    }

    /** A type and its current schema, as ingestion needs them. */
    record Current(EventType type, EventTypeVersion version) {
    }

    private record Cached(Current current, Instant until) {
    }

    private final EventTypeRepository repository;
    private final JsonSchemas schemas;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Published versions never change, so they are kept once read (for deliveries to pinned endpoints). */
    private final Map<String, EventTypeVersion> published = new ConcurrentHashMap<>();

    EventCatalog(EventTypeRepository repository, JsonSchemas schemas, Clock clock) {
        this.repository = repository;
        this.schemas = schemas;
        this.clock = clock;
    }

    /**
     * Creates the type with version 1, or publishes a new version when the schema differs from the
     * current one (an identical schema only updates description and example). Breaking changes are
     * allowed but recorded on the version and reported, so consumers can be warned.
     */
    @Transactional
    Published publish(String name, String description, JsonNode schema, JsonNode example, String origin) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.length() > 100 || !NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "must be lower-case words joined by dots, such as deal.closed_won (at most 100 characters)"));
        }
        for (JsonSchemas.Violation v : schemas.problemsOf(schema)) {
            errors.add(new FieldError(v.path().isEmpty() ? "schema" : "schema." + v.path(), v.message()));
        }
        if (errors.isEmpty() && example != null) {
            for (JsonSchemas.Violation v : schemas.validate(schema, example)) {
                errors.add(new FieldError(v.path().isEmpty() ? "example" : "example." + v.path(), v.message()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION, "The event type cannot be published: " + summary(errors) + ".", errors);
        }
        Instant now = clock.instant();
        cache.remove(name);
        Optional<EventType> existing = repository.find(name);
        if (existing.isEmpty()) {
            String text = description == null || description.isBlank() ? name : description.trim();
            EventType type = new EventType(Ids.next("etp"), name, text, origin, 1, null, null, now, now);
            EventTypeVersion first = new EventTypeVersion(name, 1, schema, example, List.of(), now);
            try {
                repository.insertType(type);
            } catch (DuplicateKeyException raced) {
                throw ApiException.conflict("The event type " + name + " was created by another request a moment ago. Send the request again to publish a new version.");
            }
            repository.insertVersion(first);
            return new Published(type, first, true);
        }
        EventType type = existing.get();
        EventTypeVersion current = repository.version(name, type.latestVersion()).orElseThrow();
        if (current.schema().equals(schema)) {
            if (description != null && !description.isBlank()) {
                repository.describe(name, description.trim(), now);
            }
            return new Published(repository.find(name).orElseThrow(), current, false);
        }
        List<EventTypeVersion.BreakingChange> changes = SchemaCompatibility.breakingChanges(current.schema(), schema).stream()
                .map(c -> new EventTypeVersion.BreakingChange(c.path(), c.kind(), c.detail())).toList();
        int next = current.version() + 1;
        EventTypeVersion version = new EventTypeVersion(name, next, schema, example, changes, now);
        if (!repository.advance(name, current.version(), next, description == null || description.isBlank() ? null : description.trim(), now)) {
            throw ApiException.conflict("Another version of " + name + " was published a moment ago. Read the type again and retry.");
        }
        repository.insertVersion(version);
        return new Published(repository.find(name).orElseThrow(), version, true);
    }

    @Transactional
    EventType deprecate(String name, String note) {
        EventType type = require(name);
        repository.deprecate(type.name(), note, clock.instant());
        cache.remove(name);
        return repository.find(name).orElseThrow();
    }

    EventType require(String name) {
        return repository.find(name).orElseThrow(() -> ApiException.notFound("event type", name));
    }

    Optional<EventType> find(String name) {
        return repository.find(name);
    }

    List<EventType> all() {
        return repository.all();
    }

    dev.flywheel.platform.paging.CursorPage<EventType> page(dev.flywheel.platform.paging.PageQuery query) {
        return repository.page(query);
    }

    List<EventTypeVersion> versions(String name) {
        return repository.versions(name);
    }

    Optional<EventTypeVersion> version(String name, int version) {
        EventTypeVersion known = published.get(name + "#" + version);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<EventTypeVersion> found = repository.version(name, version);
        if (published.size() > 10_000) {
            published.clear();
        }
        found.ifPresent(v -> published.put(name + "#" + version, v));
        return found;
    }

    /** The type and its current schema, for validating incoming events; empty for an unknown type. */
    Optional<Current> current(String name) {
        Instant now = clock.instant();
        Cached cached = cache.get(name);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.current());
        }
        Optional<Current> current = repository.find(name)
                .flatMap(type -> repository.version(name, type.latestVersion()).map(v -> new Current(type, v)));
        current.ifPresent(c -> cache.put(name, new Cached(c, now.plus(CACHE_FOR))));
        return current;
    }

    List<JsonSchemas.Violation> validate(Current current, JsonNode data) {
        return schemas.validate(current.version().schema(), data);
    }

    List<JsonSchemas.Violation> validate(EventTypeVersion version, JsonNode data) {
        return schemas.validate(version.schema(), data);
    }

    private static String summary(List<FieldError> errors) {
        return errors.stream().limit(5).map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
    }
}
