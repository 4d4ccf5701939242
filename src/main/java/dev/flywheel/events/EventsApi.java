package dev.flywheel.events;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Events", description = "Events the product sends to Flywheel, and the event log")
class EventsApi {

    @Schema(example = """
            {"id": "ord-8812-won", "type": "deal.closed_won", "account": "cus_4711", "user": "u_17", "source": "crm",
             "outcome": "won", "occurred_at": "2025-01-31T10:15:00Z", "data": {"amount": 120000, "currency": "USD"}}""")
    record EventBody(
            @Size(max = 255) @Schema(description = "Your own id of the event; the same id twice is stored and delivered once") String id,
            @NotBlank @Size(max = 100) String type,
            @NotBlank @Size(max = 200) @Schema(description = "The customer account's id in the product") String account,
            @Size(max = 200) String user,
            @Size(max = 200) String source,
            @Size(max = 200) String outcome,
            Instant occurredAt,
            @Size(max = 200) @Schema(description = "Events with the same key reach each endpoint in the order they were accepted") String orderingKey,
            @NotNull @Schema(description = "The event's data; must satisfy the type's JSON Schema") JsonNode data) {

        NewEvent toNew(String fallbackClientId) {
            return new NewEvent(id != null ? id : fallbackClientId, type, account, user, source, outcome, occurredAt, orderingKey, data);
        }
    }

    record BatchBody(@NotEmpty List<@Valid @NotNull EventBody> events) {
    }

    record AcceptedView(String id, String status) {
        static AcceptedView of(Events.Accepted a) {
            return new AcceptedView(a.id(), a.duplicate() ? "duplicate" : "accepted");
        }
    }

    record BatchView(String object, List<AcceptedView> data) {
    }

    record EventView(String id, String object, String type, int schemaVersion, String account, String user, String source, String outcome,
            String orderingKey, String clientId, String mode, Instant occurredAt, Instant receivedAt, JsonNode data) {
        static EventView of(StoredEvent e) {
            return new EventView(e.id(), "event", e.type(), e.schemaVersion(), e.account(), e.user(), e.source(), e.outcome(), e.orderingKey(),
                    e.clientId(), e.mode().wire(), e.occurredAt(), e.receivedAt(), e.data());
        }
    }

    private final Events events;
    private final EventsProperties properties;

    EventsApi(Events events, EventsProperties properties) {
        this.events = events;
        this.properties = properties;
    }

    @PostMapping
    @Operation(summary = "Send an event",
            description = "Validates the event against its type's current JSON Schema and answers 202 with the event's id once it is "
                    + "durably stored (and queued for every subscribed webhook endpoint). The same `id`, or the same `Idempotency-Key` "
                    + "when no id is given, stores and delivers the event once: a repeat answers 202 with the first event's id and "
                    + "`status: duplicate`. A payload that breaks the schema is refused with 422 `/problems/event-schema-violation`, "
                    + "listing every violation. The event is stored in the calling key's mode (live or test). Owner keys only.")
    ResponseEntity<AcceptedView> send(@Valid @RequestBody EventBody body,
            @Parameter(description = "Used as the event's id for deduplication when the body has no id")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Caller caller) {
        caller.requireOwner();
        String fallback = idempotencyKey == null || idempotencyKey.isBlank() ? null : "idempotency-key:" + idempotencyKey.trim();
        Events.Accepted accepted = events.accept(caller.mode(), List.of(body.toNew(fallback)), false).get(0);
        return ResponseEntity.accepted().body(AcceptedView.of(accepted));
    }

    @PostMapping("/batch")
    @Operation(summary = "Send a batch of events",
            description = "Up to 1,000 events in one request, all or nothing: if any event is invalid nothing is stored and the problem "
                    + "lists each violation as `events[i].field`. Answers 202 with one entry per event, in order, once all are stored. "
                    + "Events with an `id` seen before are reported as `duplicate` and not stored again.")
    ResponseEntity<BatchView> sendBatch(@Valid @RequestBody BatchBody body, Caller caller) {
        caller.requireOwner();
        if (body.events().size() > properties.maxBatch()) {
            throw ApiException.invalid("events", "has " + body.events().size() + " events; at most " + properties.maxBatch()
                    + " are accepted per batch, split it into several requests");
        }
        List<NewEvent> batch = body.events().stream().map(e -> e.toNew(null)).toList();
        List<AcceptedView> accepted = events.accept(caller.mode(), batch, true).stream().map(AcceptedView::of).toList();
        return ResponseEntity.accepted().body(new BatchView("list", accepted));
    }

    @GetMapping
    @Operation(summary = "List events (pull API)",
            description = "The event log, newest first, cursor-paged (`limit`, `starting_after`). Filter by `type`, `account`, `user`, "
                    + "`source`, `outcome` and occurrence time (`since` inclusive, `until` exclusive, ISO 8601). A consumer that missed "
                    + "webhooks pages back until it reaches the last event it saw. Events are kept for the configured retention.")
    CursorPage<EventView> list(@RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            @RequestParam(required = false) String type, @RequestParam(required = false) String account,
            @RequestParam(required = false) String user, @RequestParam(required = false) String source,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Instant until, Caller caller) {
        caller.requireOwner();
        EventFilter filter = new EventFilter(blankToNull(type), blankToNull(account), blankToNull(user), blankToNull(source),
                blankToNull(outcome), since, until);
        return events.page(caller.mode(), filter, PageQuery.of(limit, startingAfter)).map(EventView::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get an event")
    EventView get(@PathVariable String id, Caller caller) {
        caller.requireOwner();
        return events.find(caller.mode(), id).map(EventView::of).orElseThrow(() -> ApiException.notFound("event", id));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
