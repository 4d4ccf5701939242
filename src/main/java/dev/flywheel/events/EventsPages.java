package dev.flywheel.events;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Console pages: the event catalog (types, schema versions, sample payloads, breaking changes,
 * deprecation), read-only and open to partner users as part of the developer portal; and the
 * owner's event log with filters and cursor paging.
 */
@Controller
class EventsPages {

    /** Who may read the catalog: the owner's staff and partner users (it documents what partner apps receive). */
    static final String CATALOG_READERS = "hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER','ANALYST','PARTNER_ADMIN','PARTNER_MEMBER')";
    private static final String OWNER_STAFF = "hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER','ANALYST')";

    /** One row of the catalog page. */
    record TypeRow(EventType type, EventTypeVersion current) {
    }

    private final EventCatalog catalog;
    private final Events events;
    private final JsonMapper json;

    EventsPages(EventCatalog catalog, Events events, JsonMapper json) {
        this.catalog = catalog;
        this.events = events;
        this.json = json;
    }

    @GetMapping("/console/events/catalog")
    @PreAuthorize(CATALOG_READERS)
    String catalog(@RequestParam(required = false) String q, Model model) {
        String needle = q == null ? "" : q.trim().toLowerCase(java.util.Locale.ROOT);
        List<TypeRow> rows = catalog.all().stream()
                .filter(t -> needle.isEmpty() || t.name().contains(needle) || t.description().toLowerCase(java.util.Locale.ROOT).contains(needle))
                .map(t -> new TypeRow(t, catalog.version(t.name(), t.latestVersion()).orElseThrow()))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("q", q == null ? "" : q.trim());
        return "events/catalog";
    }

    @GetMapping("/console/events/catalog/{name}")
    @PreAuthorize(CATALOG_READERS)
    String type(@PathVariable String name, @RequestParam(required = false) Integer version, Caller caller, Model model) {
        EventType type = catalog.require(name);
        List<EventTypeVersion> versions = catalog.versions(name);
        int shown = version == null ? type.latestVersion() : version;
        EventTypeVersion selected = versions.stream().filter(v -> v.version() == shown).findFirst()
                .orElseThrow(() -> ApiException.notFound("version of event type " + name, String.valueOf(shown)));
        JsonNode example = selected.example() == null ? json.createObjectNode() : selected.example();
        model.addAttribute("type", type);
        List<EventTypeVersion> newestFirst = new ArrayList<>(versions);
        Collections.reverse(newestFirst);
        model.addAttribute("versions", newestFirst);
        model.addAttribute("selected", selected);
        model.addAttribute("schema", pretty(selected.schema()));
        model.addAttribute("sample", pretty(EventPayload.of(json, "evt_01hx0000000000000000000000", name, selected.version(),
                selected.createdAt(), caller.mode().wire(), "cus_4711", null, null, null, example)));
        return "events/type";
    }

    @GetMapping("/console/events")
    @PreAuthorize(OWNER_STAFF)
    String log(@RequestParam(required = false) String type, @RequestParam(required = false) String account,
            @RequestParam(required = false) String user, @RequestParam(required = false) String source,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String since,
            @RequestParam(required = false) String until, @RequestParam(name = "starting_after", required = false) String after,
            Caller caller, Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("type", clean(type));
        filters.put("account", clean(account));
        filters.put("user", clean(user));
        filters.put("source", clean(source));
        filters.put("outcome", clean(outcome));
        filters.put("since", clean(since));
        filters.put("until", clean(until));
        String problem = null;
        Instant from = null;
        Instant to = null;
        try {
            from = day(filters.get("since"));
            to = day(filters.get("until"));
            if (to != null) {
                to = to.plusSeconds(86_400);
            }
        } catch (DateTimeParseException e) {
            problem = "Dates are written as YYYY-MM-DD.";
        }
        CursorPage<StoredEvent> page = events.page(caller.mode(), new EventFilter(filters.get("type"), filters.get("account"),
                filters.get("user"), filters.get("source"), filters.get("outcome"), from, to), PageQuery.of(50, clean(after)));
        model.addAttribute("page", page);
        model.addAttribute("filters", filters);
        model.addAttribute("types", events.typeNames());
        model.addAttribute("problem", problem);
        model.addAttribute("mode", caller.mode().wire());
        model.addAttribute("next", page.hasMore() ? nextUrl(filters, page.nextStartingAfter()) : null);
        return "events/log";
    }

    @GetMapping("/console/events/{id}")
    @PreAuthorize(OWNER_STAFF)
    String event(@PathVariable String id, Caller caller, Model model) {
        StoredEvent event = events.find(caller.mode(), id).orElseThrow(() -> ApiException.notFound("event", id));
        model.addAttribute("event", event);
        model.addAttribute("data", pretty(event.data()));
        return "events/event";
    }

    private String pretty(JsonNode node) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    private static String nextUrl(Map<String, String> filters, String after) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/console/events");
        filters.forEach((name, value) -> {
            if (value != null) {
                url.queryParam(name, value);
            }
        });
        return url.queryParam("starting_after", after).encode().build().toUriString();
    }

    /** The start of a calendar day (UTC) given as YYYY-MM-DD; null when blank. */
    private static Instant day(String value) {
        return value == null ? null : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
