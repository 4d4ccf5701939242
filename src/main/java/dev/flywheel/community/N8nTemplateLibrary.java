package dev.flywheel.community;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The template-library API that n8n reads when {@code N8N_TEMPLATES_HOST} points at
 * {@code <flywheel>/n8n}: an n8n instance then browses and imports the gallery's published
 * {@code n8n-workflow} templates as if they were n8n's own.
 *
 * <p>The shapes follow n8n's public client ({@code @n8n/rest-api-client} {@code api/templates.ts})
 * and its documentation of custom template libraries: camelCase JSON, numeric ids (the catalog
 * numbers), {@code /templates/workflows/{id}} wrapped in {@code workflow} for the preview and
 * {@code /workflows/templates/{id}} flat for the import. n8n's editor calls these from the browser
 * with an {@code n8n-version} header, so every answer allows any origin (the data is public).
 * Responses are written with a plain mapper so the API's snake_case convention does not apply.
 */
@RestController
@RequestMapping(path = "/n8n", produces = MediaType.APPLICATION_JSON_VALUE)
@CrossOrigin(origins = "*", methods = {RequestMethod.GET, RequestMethod.OPTIONS}, allowedHeaders = "*", maxAge = 3600)
@Hidden
class N8nTemplateLibrary {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DEFAULT_ROWS = 20;
    private static final int MAX_ROWS = 100;

    private final Gallery gallery;
    private final TemplateRepository templates;
    private final CollectionRepository collections;
    private final PurchaseRepository prices;

    N8nTemplateLibrary(Gallery gallery, TemplateRepository templates, CollectionRepository collections, PurchaseRepository prices) {
        this.prices = prices;
        this.gallery = gallery;
        this.templates = templates;
        this.collections = collections;
    }

    @GetMapping("/health")
    ResponseEntity<String> health() {
        return ok(Map.of("status", "OK"));
    }

    @GetMapping("/templates/categories")
    ResponseEntity<String> categories() {
        List<Map<String, Object>> list = templates.categories().stream().map(N8nTemplateLibrary::category).toList();
        return ok(Map.of("categories", list));
    }

    /**
     * The search n8n's template browser calls: {@code page} (1-based), {@code rows} (older clients)
     * or {@code limit} (newer ones), {@code category} (comma-separated names or ids), {@code search},
     * and {@code nodes} (comma-separated node types, all required).
     */
    @GetMapping("/templates/search")
    ResponseEntity<String> search(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer rows,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String category,
            @RequestParam(required = false) String search, @RequestParam(required = false) String nodes) {
        int size = Math.max(1, Math.min(MAX_ROWS, rows != null ? rows : limit != null ? limit : DEFAULT_ROWS));
        int pageNumber = Math.max(1, page == null ? 1 : page);
        List<String> categories = categorySlugs(category);
        if (categories == null) {
            return ok(searchResult(0, List.of(), facets()));
        }
        List<String> requiredNodes = nodes == null || nodes.isBlank() ? List.of()
                : Arrays.stream(nodes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<Map<String, Object>> workflows = new ArrayList<>();
        long total;
        if (requiredNodes.isEmpty()) {
            total = gallery.countFree(categories, TemplateFormat.N8N_WORKFLOW, search);
            for (TemplateRepository.Ranked r : gallery.rankedFree(categories, TemplateFormat.N8N_WORKFLOW, search, (pageNumber - 1) * size, size)) {
                workflows.add(summary(r.template(), payloadOf(r.template())));
            }
        } else {
            // Node filters look inside payloads, so they are applied here over the (bounded) ranked list.
            List<Map<String, Object>> matching = new ArrayList<>();
            for (TemplateRepository.Ranked r : gallery.rankedFree(categories, TemplateFormat.N8N_WORKFLOW, search, 0, 1000)) {
                JsonNode payload = payloadOf(r.template());
                if (nodeTypes(payload).keySet().containsAll(requiredNodes)) {
                    matching.add(summary(r.template(), payload));
                }
            }
            total = matching.size();
            workflows = matching.stream().skip((long) (pageNumber - 1) * size).limit(size).toList();
        }
        return ok(searchResult(total, workflows, facets()));
    }

    /** A template for the preview: metadata and the workflow, wrapped in {@code workflow}. */
    @GetMapping("/templates/workflows/{id}")
    ResponseEntity<String> workflow(@PathVariable String id) {
        Optional<Template> found = listedN8n(id);
        if (found.isEmpty()) {
            return notFound("template", id);
        }
        Template t = found.get();
        templates.countView(t.id());
        JsonNode payload = payloadOf(t);
        Map<String, Object> body = summary(t, payload);
        body.put("description", t.description());
        body.put("image", List.of());
        body.put("categories", List.of(categoryOf(t)));
        Map<String, Object> info = new LinkedHashMap<>();
        Map<String, Integer> types = nodeTypes(payload);
        info.put("nodeCount", payload.path("nodes").size());
        Map<String, Object> typeCounts = new LinkedHashMap<>();
        types.forEach((type, count) -> typeCounts.put(type, Map.of("count", count)));
        info.put("nodeTypes", typeCounts);
        body.put("workflowInfo", info);
        body.put("workflow", importable(payload));
        return ok(Map.of("workflow", body));
    }

    /** The workflow to import onto the canvas, as a flat object. Counts as a (raw) clone, which ranking ignores. */
    @GetMapping("/workflows/templates/{id}")
    ResponseEntity<String> importWorkflow(@PathVariable String id) {
        Optional<Template> found = listedN8n(id);
        if (found.isEmpty()) {
            return notFound("template", id);
        }
        Template t = found.get();
        templates.countClone(t.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", t.catalogNumber());
        body.put("name", t.title());
        body.put("workflow", importable(payloadOf(t)));
        return ok(body);
    }

    @GetMapping("/templates/collections")
    ResponseEntity<String> collections(@RequestParam(name = "category", required = false) List<String> category,
            @RequestParam(name = "category[]", required = false) List<String> categoryArray, @RequestParam(required = false) String search) {
        List<String> wanted = new ArrayList<>();
        if (category != null) {
            wanted.addAll(category);
        }
        if (categoryArray != null) {
            wanted.addAll(categoryArray);
        }
        List<String> slugs = categorySlugs(String.join(",", wanted));
        List<Map<String, Object>> out = new ArrayList<>();
        int rank = 0;
        for (CollectionRepository.Collection c : collections.all()) {
            List<Template> members = members(c);
            if (members.isEmpty() || slugs == null) {
                continue;
            }
            if (!slugs.isEmpty() && members.stream().noneMatch(t -> slugs.contains(t.category()))) {
                continue;
            }
            if (search != null && !search.isBlank() && !c.name().toLowerCase(Locale.ROOT).contains(search.trim().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", c.catalogNumber());
            item.put("rank", ++rank);
            item.put("name", c.name());
            item.put("totalViews", members.stream().mapToLong(Template::viewCount).sum());
            item.put("createdAt", c.createdAt().toString());
            item.put("workflows", members.stream().map(t -> Map.of("id", t.catalogNumber())).toList());
            item.put("nodes", nodesOfAll(members));
            out.add(item);
        }
        return ok(Map.of("collections", out));
    }

    @GetMapping("/templates/collections/{id}")
    ResponseEntity<String> collection(@PathVariable String id) {
        Optional<CollectionRepository.Collection> found = number(id).flatMap(collections::findByNumber);
        if (found.isEmpty()) {
            return notFound("collection", id);
        }
        CollectionRepository.Collection c = found.get();
        List<Template> members = members(c);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", c.catalogNumber());
        body.put("name", c.name());
        body.put("description", c.description());
        body.put("image", List.of());
        body.put("categories", members.stream().map(this::categoryOf).distinct().toList());
        body.put("createdAt", c.createdAt().toString());
        body.put("nodes", nodesOfAll(members));
        body.put("workflows", members.stream().map(t -> summary(t, payloadOf(t))).toList());
        return ok(Map.of("collection", body));
    }

    // ---- shapes

    private Map<String, Object> summary(Template t, JsonNode payload) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("id", t.catalogNumber());
        w.put("name", t.title());
        w.put("description", t.description());
        w.put("totalViews", t.viewCount());
        w.put("recentViews", 0);
        w.put("price", null);
        w.put("purchaseUrl", null);
        w.put("createdAt", (t.publishedAt() != null ? t.publishedAt() : t.createdAt()).toString());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", gallery.authorName(t.authorOrgId()));
        user.put("verified", false);
        w.put("user", user);
        w.put("nodes", nodeSummaries(nodeTypes(payload), categoryOf(t)));
        return w;
    }

    /** What n8n imports: nodes (without stored-credential references, as n8n itself strips them), connections, settings. */
    private static Map<String, Object> importable(JsonNode payload) {
        Map<String, Object> w = new LinkedHashMap<>();
        List<Object> nodes = new ArrayList<>();
        for (JsonNode node : payload.path("nodes")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> n = JSON.convertValue(node, LinkedHashMap.class);
            n.remove("credentials");
            nodes.add(n);
        }
        w.put("nodes", nodes);
        w.put("connections", JSON.convertValue(payload.path("connections"), LinkedHashMap.class));
        w.put("settings", payload.path("settings").isObject() ? JSON.convertValue(payload.path("settings"), LinkedHashMap.class) : Map.of());
        w.put("pinData", Map.of());
        return w;
    }

    private static List<Map<String, Object>> nodeSummaries(Map<String, Integer> types, Map<String, Object> category) {
        List<Map<String, Object>> out = new ArrayList<>();
        types.forEach((type, count) -> {
            String display = displayName(type);
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", nodeId(type));
            n.put("name", type);
            n.put("displayName", display);
            n.put("icon", "fa:plug");
            n.put("iconData", Map.of("type", "icon", "icon", "plug"));
            n.put("defaults", Map.of("name", display));
            n.put("typeVersion", 1);
            n.put("group", "[]");
            n.put("codex", Map.of("data", Map.of("categories", List.of(category.get("name")))));
            n.put("categories", List.of(category));
            out.add(n);
        });
        return out;
    }

    private List<Map<String, Object>> nodesOfAll(List<Template> members) {
        Map<String, Integer> all = new TreeMap<>();
        Map<String, Object> category = members.isEmpty() ? Map.of("id", 0, "name", "") : categoryOf(members.get(0));
        for (Template t : members) {
            nodeTypes(payloadOf(t)).forEach((type, count) -> all.merge(type, count, Integer::sum));
        }
        return nodeSummaries(all, category);
    }

    /** Node types used in a workflow and how often, in a stable order. */
    static Map<String, Integer> nodeTypes(JsonNode payload) {
        Map<String, Integer> types = new TreeMap<>();
        for (JsonNode node : payload.path("nodes")) {
            String type = node.path("type").asString("");
            if (!type.isEmpty()) {
                types.merge(type, 1, Integer::sum);
            }
        }
        return types;
    }

    /** "n8n-nodes-base.httpRequest" → "Http Request". */
    static String displayName(String type) {
        String base = type.substring(type.lastIndexOf('.') + 1);
        String spaced = base.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('-', ' ').replace('_', ' ');
        return spaced.isEmpty() ? type : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** A stable number per node type (n8n wants numeric node ids in listings). */
    static int nodeId(String type) {
        return Math.floorMod(type.hashCode(), 1_000_000_000) + 1;
    }

    private Map<String, Object> searchResult(long total, List<Map<String, Object>> workflows, List<Map<String, Object>> filters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totalWorkflows", total);
        body.put("workflows", workflows);
        body.put("filters", filters);
        return body;
    }

    private List<Map<String, Object>> facets() {
        Map<String, Long> counts = templates.listedPerCategory(TemplateFormat.N8N_WORKFLOW, true);
        Map<String, String> names = gallery.categoryNames();
        List<Map<String, Object>> values = new ArrayList<>();
        counts.forEach((slug, n) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("count", n);
            v.put("highlighted", names.getOrDefault(slug, slug));
            v.put("value", names.getOrDefault(slug, slug));
            values.add(v);
        });
        Map<String, Object> facet = new LinkedHashMap<>();
        facet.put("field_name", "categories");
        facet.put("sampled", false);
        facet.put("stats", Map.of("total_values", values.size()));
        facet.put("counts", values);
        return List.of(facet);
    }

    /** Category filters as slugs: empty means all; null means a filter that matches no category at all. */
    private List<String> categorySlugs(String filter) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        List<TemplateRepository.Category> all = templates.categories();
        List<String> slugs = new ArrayList<>();
        for (String part : filter.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            all.stream().filter(c -> c.name().equalsIgnoreCase(p) || c.slug().equalsIgnoreCase(p) || String.valueOf(c.catalogNumber()).equals(p))
                    .findFirst().ifPresent(c -> slugs.add(c.slug()));
        }
        return slugs.isEmpty() ? null : slugs;
    }

    private Map<String, Object> categoryOf(Template t) {
        return templates.categories().stream().filter(c -> c.slug().equals(t.category())).findFirst().map(N8nTemplateLibrary::category)
                .orElse(Map.of("id", 0, "name", t.category()));
    }

    private static Map<String, Object> category(TemplateRepository.Category c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.catalogNumber());
        m.put("name", c.name());
        return m;
    }

    private List<Template> members(CollectionRepository.Collection c) {
        return c.templateIds().stream().map(templates::find).flatMap(Optional::stream)
                .filter(t -> t.listed() && t.format() == TemplateFormat.N8N_WORKFLOW && prices.price(t.id()).isEmpty()).toList();
    }

    private Optional<Template> listedN8n(String id) {
        // Paid templates are handed out only to buyers, through the API; n8n's library is anonymous.
        return number(id).flatMap(templates::findByNumber).filter(t -> t.listed() && t.format() == TemplateFormat.N8N_WORKFLOW
                && prices.price(t.id()).isEmpty());
    }

    private JsonNode payloadOf(Template t) {
        return JSON.readTree(templates.version(t.id(), t.publishedVersion()).orElseThrow().payload());
    }

    private static Optional<Long> number(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<String> ok(Object body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
    }

    private static ResponseEntity<String> notFound(String what, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", 404);
        body.put("message", "No published n8n " + what + " with id " + id + ".");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
    }
}
