package dev.flywheel.events;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.PublicUrls;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/v1/event-types")
@Tag(name = "Event types", description = "The event catalog: types, versioned JSON Schemas, samples and the AsyncAPI export")
class EventTypesApi {

    @Schema(example = """
            {"name": "deal.closed_won", "description": "A deal was won",
             "schema": {"type": "object", "properties": {"amount": {"type": "integer"}, "currency": {"type": "string"}}, "required": ["amount"]},
             "example": {"amount": 120000, "currency": "USD"}}""")
    record PublishBody(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String description,
            @NotNull @Schema(description = "A JSON Schema (draft 2020-12 unless `$schema` says otherwise) for the event's `data`") JsonNode schema,
            @Schema(description = "An example `data` object; it must satisfy the schema and is served as the sample payload") JsonNode example) {
    }

    record DeprecateBody(@Size(max = 1000) String note) {
    }

    record VersionView(int version, JsonNode schema, JsonNode example, boolean breaking, List<EventTypeVersion.BreakingChange> breakingChanges,
            Instant createdAt) {
        static VersionView of(EventTypeVersion v) {
            return new VersionView(v.version(), v.schema(), v.example(), v.breaking(), v.breakingChanges(), v.createdAt());
        }
    }

    record TypeView(String id, String object, String name, String description, String origin, int version, boolean deprecated,
            Instant deprecatedAt, String deprecationNote, JsonNode schema, JsonNode example, boolean breaking,
            List<EventTypeVersion.BreakingChange> breakingChanges, List<Integer> versions, Instant createdAt, Instant updatedAt) {
    }

    private final EventCatalog catalog;
    private final AsyncApiExport asyncApi;
    private final PublicUrls urls;
    private final JsonMapper json;

    EventTypesApi(EventCatalog catalog, AsyncApiExport asyncApi, PublicUrls urls, JsonMapper json) {
        this.catalog = catalog;
        this.asyncApi = asyncApi;
        this.urls = urls;
        this.json = json;
    }

    @PostMapping
    @Operation(summary = "Publish an event type or a new schema version",
            description = "Creates the type (version 1, answers 201) or, when the schema differs from the current version, publishes the "
                    + "next version (201). The same schema again only updates description and example (200). A version that removes "
                    + "or retypes a field, or makes a required field optional, is published but flagged: `breaking` is true and "
                    + "`breaking_changes` lists each change. Owner keys only.")
    ResponseEntity<TypeView> publish(@Valid @RequestBody PublishBody body, Caller caller) {
        caller.requireOwnerAdmin();
        JsonNode example = body.example() == null || body.example().isNull() ? null : body.example();
        EventCatalog.Published published = catalog.publish(body.name(), body.description(), body.schema(), example, "product");
        return ResponseEntity.status(published.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view(published.type(), published.version()));
    }

    @GetMapping
    @Operation(summary = "List event types", description = "Newest first, cursor-paged; each with its current schema.")
    CursorPage<TypeView> list(@RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        return catalogPage(PageQuery.of(limit, startingAfter));
    }

    @GetMapping("/{name}")
    @Operation(summary = "Get an event type", description = "The type with its current schema, example and the list of its versions.")
    TypeView get(@PathVariable String name, Caller caller) {
        EventType type = catalog.require(name);
        return view(type, catalog.version(name, type.latestVersion()).orElseThrow());
    }

    @GetMapping("/{name}/versions")
    @Operation(summary = "List an event type's schema versions", description = "Oldest first, with the breaking changes of each.")
    List<VersionView> versions(@PathVariable String name, Caller caller) {
        catalog.require(name);
        return catalog.versions(name).stream().map(VersionView::of).toList();
    }

    @GetMapping("/{name}/versions/{version}")
    @Operation(summary = "Get one schema version of an event type")
    VersionView version(@PathVariable String name, @PathVariable int version, Caller caller) {
        return catalog.version(name, version).map(VersionView::of)
                .orElseThrow(() -> ApiException.notFound("version of event type " + name, String.valueOf(version)));
    }

    @GetMapping("/{name}/sample")
    @Operation(summary = "Sample payload of an event type",
            description = "A list with one delivery body built from the type's example, exactly as webhooks deliver it. Automation "
                    + "platforms (Zapier, Make, n8n) use it to show fields before a real event arrives (REST Hooks `performList`).")
    List<ObjectNode> sample(@PathVariable String name, Caller caller) {
        EventType type = catalog.require(name);
        EventTypeVersion version = catalog.version(name, type.latestVersion()).orElseThrow();
        JsonNode data = version.example() == null ? json.createObjectNode() : version.example();
        return List.of(EventPayload.of(json, "evt_01hx0000000000000000000000", name, version.version(), version.createdAt(),
                caller.mode().wire(), "cus_4711", null, null, null, data));
    }

    @PostMapping("/{name}/deprecate")
    @Operation(summary = "Deprecate an event type",
            description = "The type stays in the catalog and its events are still accepted and delivered; the catalog, the AsyncAPI "
                    + "export and the developer portal mark it deprecated with the note. Owner keys only.")
    TypeView deprecate(@PathVariable String name, @Valid @RequestBody(required = false) DeprecateBody body, Caller caller) {
        caller.requireOwnerAdmin();
        EventType type = catalog.deprecate(name, body == null ? null : body.note());
        return view(type, catalog.version(name, type.latestVersion()).orElseThrow());
    }

    @GetMapping("/asyncapi")
    @Operation(summary = "The catalog as AsyncAPI 3.0", description = "Public: no API key needed.")
    ObjectNode asyncApi() {
        return asyncApi.document(urls.of(""));
    }

    private CursorPage<TypeView> catalogPage(PageQuery query) {
        return catalog.page(query).map(t -> view(t, catalog.version(t.name(), t.latestVersion()).orElseThrow()));
    }

    private TypeView view(EventType t, EventTypeVersion v) {
        List<Integer> versions = java.util.stream.IntStream.rangeClosed(1, t.latestVersion()).boxed().toList();
        return new TypeView(t.id(), "event_type", t.name(), t.description(), t.origin(), v.version(), t.deprecated(), t.deprecatedAt(),
                t.deprecationNote(), v.schema(), v.example(), v.breaking(), v.breakingChanges(), versions, t.createdAt(), t.updatedAt());
    }
}
