package dev.flywheel.events;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import dev.flywheel.platform.web.FieldError;
import dev.flywheel.platform.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events module's facade: accepts events (from the product's API calls and from other
 * modules), validates them against their type's current schema, stores them once per id, and
 * hands every newly stored event to the {@link EventFanOut}s in the same transaction.
 */
@Service
public class Events {

    /** The answer for one accepted event: its id, and whether it had been stored before (same client id). */
    public record Accepted(String id, boolean duplicate) {
    }

    private final EventCatalog catalog;
    private final EventLog log;
    private final List<EventFanOut> fanOuts;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final EventsProperties properties;
    private final Clock clock;

    Events(EventCatalog catalog, EventLog log, List<EventFanOut> fanOuts, TransactionTemplate transactions, JsonMapper json,
            EventsProperties properties, Clock clock) {
        this.catalog = catalog;
        this.log = log;
        this.fanOuts = fanOuts;
        this.transactions = transactions;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Publishes an event Flywheel itself emits (e.g. {@code partner.tier_changed}) with source
     * {@code flywheel}. Joins the caller's transaction, so the event exists if and only if the
     * caller's work commits. {@code data} is any object Jackson can write (a record, a map).
     *
     * @throws IllegalArgumentException if the type is unknown or {@code data} breaks its schema
     */
    public String emit(String type, String account, Object data, Mode mode) {
        return emit(type, account, data, mode, null);
    }

    /** As {@link #emit(String, String, Object, Mode)}, stored once per {@code clientId} (for retried listeners). */
    public String emit(String type, String account, Object data, Mode mode, String clientId) {
        JsonNode tree = data instanceof JsonNode node ? node : json.valueToTree(data);
        try {
            return accept(mode, List.of(new NewEvent(clientId, type, account, null, "flywheel", null, null, null, tree)), false).get(0).id();
        } catch (ApiException e) {
            throw new IllegalArgumentException("Cannot emit " + type + ": " + e.getMessage() + " " + e.errors(), e);
        }
    }

    /** Validates and stores events handed in through the API; all or nothing. */
    public List<Accepted> ingest(Mode mode, List<NewEvent> events) {
        return accept(mode, events, events.size() > 1);
    }

    List<Accepted> accept(Mode mode, List<NewEvent> events, boolean batch) {
        Map<String, EventCatalog.Current> types = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        List<String> dataJson = new ArrayList<>(events.size());
        boolean schemaViolation = false;
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            String at = batch ? "events[" + i + "]." : "";
            Optional<EventCatalog.Current> current = types.containsKey(event.type()) ? Optional.of(types.get(event.type()))
                    : catalog.current(event.type());
            if (current.isEmpty()) {
                errors.add(new FieldError(at + "type", "'" + event.type() + "' is not in the event catalog; publish it first with POST /api/v1/event-types"));
                dataJson.add(null);
                continue;
            }
            types.put(event.type(), current.get());
            JsonNode data = event.data();
            if (data == null || !data.isObject()) {
                errors.add(new FieldError(at + "data", "must be a JSON object"));
                dataJson.add(null);
                continue;
            }
            String text = json.writeValueAsString(data);
            if (text.length() > properties.maxDataSize()) {
                errors.add(new FieldError(at + "data", "is " + text.length() + " bytes; at most " + properties.maxDataSize() + " are accepted per event"));
            }
            dataJson.add(text);
            for (JsonSchemas.Violation v : catalog.validate(current.get(), data)) {
                schemaViolation = true;
                errors.add(new FieldError(at + (v.path().isEmpty() ? "data" : "data." + v.path()), v.message()));
            }
        }
        if (!errors.isEmpty()) {
            if (schemaViolation) {
                throw new ApiException(ProblemType.EVENT_SCHEMA_VIOLATION, "Nothing was stored: " + errors.size()
                        + " rule(s) broken. Fix each field listed in `errors` and send the request again.", errors);
            }
            throw new ApiException(ProblemType.VALIDATION, "Nothing was stored. Fix each field listed in `errors` and send the request again.", errors);
        }
        try {
            return store(mode, events, dataJson, types);
        } catch (DuplicateKeyException raced) {
            // The same client id was stored by a concurrent request between our check and insert: try once more, now it is a duplicate.
            return store(mode, events, dataJson, types);
        }
    }

    private List<Accepted> store(Mode mode, List<NewEvent> events, List<String> dataJson, Map<String, EventCatalog.Current> types) {
        return transactions.execute(status -> {
            Set<String> clientIds = new LinkedHashSet<>();
            events.forEach(e -> {
                if (e.clientId() != null) {
                    clientIds.add(e.clientId());
                }
            });
            Map<String, String> known = new HashMap<>(log.existing(mode, clientIds));
            Instant now = clock.instant();
            List<Accepted> accepted = new ArrayList<>(events.size());
            List<StoredEvent> fresh = new ArrayList<>();
            List<String> freshData = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                NewEvent e = events.get(i);
                String existing = e.clientId() == null ? null : known.get(e.clientId());
                if (existing != null) {
                    accepted.add(new Accepted(existing, true));
                    continue;
                }
                String id = Ids.next("evt");
                if (e.clientId() != null) {
                    known.put(e.clientId(), id);
                }
                fresh.add(new StoredEvent(id, mode, e.clientId(), e.type(), types.get(e.type()).version().version(), e.account(), e.user(),
                        e.source(), e.outcome(), e.orderingKey(), e.occurredAt() == null ? now : e.occurredAt(), now, e.data()));
                freshData.add(dataJson.get(i));
                accepted.add(new Accepted(id, false));
            }
            if (!fresh.isEmpty()) {
                log.insert(fresh, freshData);
                fanOuts.forEach(f -> f.accepted(fresh));
            }
            return accepted;
        });
    }

    public Optional<StoredEvent> find(Mode mode, String id) {
        return log.find(mode, id);
    }

    public CursorPage<StoredEvent> page(Mode mode, EventFilter filter, PageQuery query) {
        return log.page(mode, filter, query);
    }

    /** Events received per type at or after {@code since} (the data flowing through each type), most first. */
    public Map<String, Long> volumeByType(Mode mode, Instant since) {
        return log.volumeByType(mode, since);
    }

    /** Whether the catalog has this type. */
    public boolean typeExists(String name) {
        return catalog.current(name).isPresent();
    }

    /** The type as the catalog has it now (cached briefly), or empty for an unknown type. */
    public Optional<EventType> type(String name) {
        return catalog.current(name).map(EventCatalog.Current::type);
    }

    /** The names of every type in the catalog, sorted. */
    public List<String> typeNames() {
        return catalog.all().stream().map(EventType::name).toList();
    }

    /** Whether the catalog has this version of this type. */
    public boolean versionExists(String type, int version) {
        return version >= 1 && catalog.version(type, version).isPresent();
    }

    /**
     * An event's data for a consumer pinned to schema version {@code pinned} of its type. Data of
     * the pinned version or an older one is delivered as it is, under its own version. Data of a
     * newer version is delivered under the pinned version when it satisfies that version's schema,
     * either as it is or once what the pinned version does not declare is removed (the only
     * transformation made, see {@link SchemaProjection}); otherwise it does not conform and the
     * result says why.
     */
    public VersionedData asVersion(String type, int version, JsonNode data, int pinned) {
        if (pinned >= version) {
            return new VersionedData(version, data, true, List.of());
        }
        Optional<EventTypeVersion> target = catalog.version(type, pinned);
        if (target.isEmpty()) {
            return new VersionedData(version, data, false, List.of("version " + pinned + " of " + type + " does not exist"));
        }
        if (catalog.validate(target.get(), data).isEmpty()) {
            return new VersionedData(pinned, data, true, List.of());
        }
        JsonNode projected = SchemaProjection.project(target.get().schema(), data);
        List<JsonSchemas.Violation> violations = catalog.validate(target.get(), projected);
        if (violations.isEmpty()) {
            return new VersionedData(pinned, projected, true, List.of());
        }
        return new VersionedData(version, data, false,
                violations.stream().map(v -> (v.path().isEmpty() ? "data" : "data." + v.path()) + " " + v.message()).toList());
    }

    /** The example {@code data} of the type's current version, if the catalog has one. */
    public Optional<JsonNode> example(String name) {
        return catalog.current(name).map(c -> c.version().example());
    }
}
