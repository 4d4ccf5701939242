package dev.flywheel.community;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.web.ApiException;
import dev.flywheel.platform.web.FieldError;
import dev.flywheel.platform.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submitting templates and new versions of them. Every submission is scrubbed before anything is
 * stored: secrets are refused (or redacted when the author asks), block-listed words and domains
 * are refused, and the result waits in the moderation queue.
 */
@Service
class Submissions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a contributor sends. {@code onSecret} is {@code refuse} (default) or {@code redact}. */
    record Submission(String title, String description, String category, String format, List<String> apps, List<String> scopes,
            JsonNode payload, String onSecret, String remixOf, String changeNote) {
    }

    /** The stored template and version, and what was redacted from it. */
    record Submitted(Template template, TemplateVersion version) {
    }

    private record Scrubbed(String payload, List<SecretScanner.Finding> redactions) {
    }

    private final TemplateRepository templates;
    private final ModerationRepository moderation;
    private final PurchaseRepository purchases;
    private final CommunityProperties properties;
    private final Clock clock;
    private final SecretScanner scanner = new SecretScanner();

    Submissions(TemplateRepository templates, ModerationRepository moderation, PurchaseRepository purchases, CommunityProperties properties,
            Clock clock) {
        this.templates = templates;
        this.purchases = purchases;
        this.moderation = moderation;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    Submitted submit(Caller caller, Submission s) {
        return submit(caller, s, null);
    }

    /** A first submission; with a {@code price} the template is paid from the moment it is published. */
    @Transactional
    Submitted submit(Caller caller, Submission s, Money price) {
        requireLive(caller);
        String title = required("title", s.title(), 3, 200);
        String description = required("description", s.description(), 10, 5000);
        String category = requireCategory(s.category());
        TemplateFormat format = TemplateFormat.fromWire(s.format());
        List<String> apps = names("apps", s.apps(), 20, 100);
        List<String> scopes = names("scopes", s.scopes(), 50, 200);
        String remixedFrom = null;
        Integer remixedFromVersion = null;
        if (s.remixOf() != null && !s.remixOf().isBlank()) {
            Template origin = templates.find(s.remixOf().trim())
                    .filter(t -> t.listed() || t.authorOrgId().equals(caller.organizationId()))
                    .orElseThrow(() -> ApiException.notFound("template to remix", s.remixOf()));
            remixedFrom = origin.id();
            remixedFromVersion = origin.publishedVersion() != null ? origin.publishedVersion() : origin.latestVersion();
        }
        Scrubbed scrubbed = scrub(title, description, format, s.payload(), s.onSecret());
        Instant now = clock.instant();
        Template template = new Template(Ids.next("tpl"), 0, caller.organizationId(), caller.label(), title, description, category, format,
                apps, scopes, remixedFrom, remixedFromVersion, 1, null, ListingState.IN_REVIEW, null, 0, 0, now, now, null);
        templates.insert(template);
        TemplateVersion version = new TemplateVersion(Ids.next("tpv"), template.id(), 1, scrubbed.payload(), scrubbed.redactions(),
                trimToNull(s.changeNote(), 500), ReviewState.PENDING, null, null, null, now);
        templates.insertVersion(version);
        if (price != null) {
            purchases.setPrice(template.id(), price, caller.label(), now);
        }
        return new Submitted(templates.find(template.id()).orElseThrow(), version);
    }

    /** A new version of one's own template; it goes to review while the published version stays listed. */
    @Transactional
    Submitted submitVersion(Caller caller, String templateId, Submission s) {
        requireLive(caller);
        Template current = templates.find(templateId).filter(t -> t.authorOrgId().equals(caller.organizationId()))
                .orElseThrow(() -> ApiException.notFound("template", templateId));
        if (current.state() == ListingState.HIDDEN) {
            throw ApiException.conflict("This template was taken down after an abuse report; ask the owner to restore it first.");
        }
        boolean pending = templates.versions(templateId).stream().anyMatch(v -> v.reviewState() == ReviewState.PENDING);
        if (pending) {
            throw ApiException.conflict("Version " + current.latestVersion() + " is still waiting for review. Wait for the decision, "
                    + "then submit the next version.");
        }
        String title = s.title() == null ? current.title() : required("title", s.title(), 3, 200);
        String description = s.description() == null ? current.description() : required("description", s.description(), 10, 5000);
        Scrubbed scrubbed = scrub(title, description, current.format(), s.payload(), s.onSecret());
        Instant now = clock.instant();
        ListingState next = current.state() == ListingState.PUBLISHED ? ListingState.PUBLISHED : current.state().moveTo(ListingState.IN_REVIEW);
        if (!templates.newVersion(templateId, current.latestVersion(), next, title, description, now)) {
            throw ApiException.conflict("Another version was submitted at the same moment. Read the template again and retry.");
        }
        TemplateVersion version = new TemplateVersion(Ids.next("tpv"), templateId, current.latestVersion() + 1, scrubbed.payload(),
                scrubbed.redactions(), trimToNull(s.changeNote(), 500), ReviewState.PENDING, null, null, null, now);
        templates.insertVersion(version);
        return new Submitted(templates.find(templateId).orElseThrow(), version);
    }

    private Scrubbed scrub(String title, String description, TemplateFormat format, JsonNode payload, String onSecret) {
        boolean redact = parseOnSecret(onSecret);
        if (payload == null || !payload.isObject()) {
            throw ApiException.invalid("payload", "must be a JSON object (for n8n, the exported workflow)");
        }
        if (JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8).length > properties.maxPayloadSize().toBytes()) {
            throw ApiException.invalid("payload", "must be at most " + properties.maxPayloadSize() + " of JSON");
        }
        if (format == TemplateFormat.N8N_WORKFLOW && (!payload.path("nodes").isArray() || payload.path("nodes").isEmpty()
                || !payload.path("connections").isObject())) {
            throw ApiException.invalid("payload", "must be an n8n workflow export with a non-empty `nodes` array and a `connections` object");
        }
        List<SecretScanner.Finding> inText = new ArrayList<>(scanner.scanText("title", title));
        inText.addAll(scanner.scanText("description", description));
        SecretScanner.Result result = scanner.scan(payload);
        if (!inText.isEmpty()) {
            throw secrets(concat(inText, result.findings()), "Remove them from the title and description: text is never redacted for you.");
        }
        if (!result.clean() && !redact) {
            throw secrets(result.findings(), "Replace each with a credential reference or an expression such as {{ $env.NAME }}, "
                    + "or submit again with on_secret=redact to have Flywheel replace them with [redacted:…] markers.");
        }
        JsonNode stored = redact ? result.redacted() : payload;
        List<BlockList.Hit> blocked = blockList().check(Map.of("title", title, "description", description), stored);
        if (!blocked.isEmpty()) {
            String where = blocked.stream().map(h -> h.kind() + " '" + h.term() + "' at " + h.path()).collect(Collectors.joining("; "));
            throw new ApiException(ProblemType.BLOCKED_CONTENT, "This installation does not accept: " + where + ". Remove it and submit again.",
                    blocked.stream().map(h -> new FieldError(h.path(), "contains the blocked " + h.kind() + " '" + h.term() + "'")).toList());
        }
        return new Scrubbed(JSON.writeValueAsString(stored), redact ? result.findings() : List.of());
    }

    private BlockList blockList() {
        Set<String> words = new java.util.HashSet<>();
        Set<String> domains = new java.util.HashSet<>();
        for (ModerationRepository.BlockedTerm t : moderation.blocklist()) {
            ("domain".equals(t.kind()) ? domains : words).add(t.term());
        }
        return new BlockList(words, domains);
    }

    private static ApiException secrets(List<SecretScanner.Finding> findings, String nextStep) {
        String where = findings.stream().map(SecretScanner.Finding::describe).collect(Collectors.joining("; "));
        List<Map<String, String>> list = findings.stream().map(f -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("path", f.path());
            m.put("kind", f.kind());
            m.put("label", f.label());
            return m;
        }).toList();
        return new ApiException(ProblemType.SECRET_IN_PAYLOAD, "Found " + findings.size() + (findings.size() == 1 ? " secret: " : " secrets: ")
                + where + ". Nothing was saved. " + nextStep,
                findings.stream().map(f -> new FieldError(f.path(), "contains a " + f.label())).toList()).with("findings", list);
    }

    private String requireCategory(String category) {
        String slug = category == null ? "" : category.trim().toLowerCase(Locale.ROOT);
        List<TemplateRepository.Category> all = templates.categories();
        return all.stream().filter(c -> c.slug().equals(slug) || c.name().equalsIgnoreCase(slug)).map(TemplateRepository.Category::slug)
                .findFirst().orElseThrow(() -> ApiException.invalid("category", "must be one of "
                        + all.stream().map(TemplateRepository.Category::slug).collect(Collectors.joining(", "))));
    }

    static void requireLive(Caller caller) {
        if (caller.mode() == Mode.TEST) {
            throw ApiException.forbidden("The gallery is shared with everyone, so test-mode keys cannot change it. Use a live key.");
        }
    }

    private static boolean parseOnSecret(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("refuse")) {
            return false;
        }
        if (value.equalsIgnoreCase("redact")) {
            return true;
        }
        throw ApiException.invalid("on_secret", "must be refuse or redact");
    }

    private static String required(String field, String value, int min, int max) {
        String v = value == null ? "" : value.trim();
        if (v.length() < min || v.length() > max) {
            throw ApiException.invalid(field, "must be " + min + " to " + max + " characters");
        }
        return v;
    }

    private static List<String> names(String field, List<String> values, int maxCount, int maxLength) {
        if (values == null) {
            return List.of();
        }
        List<String> out = values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).distinct().toList();
        if (out.size() > maxCount || out.stream().anyMatch(v -> v.length() > maxLength || v.contains("\n"))) {
            throw ApiException.invalid(field, "must be at most " + maxCount + " single-line names of up to " + maxLength + " characters");
        }
        return out;
    }

    private static String trimToNull(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() > max) {
            throw ApiException.invalid("change_note", "must be at most " + max + " characters");
        }
        return v;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
