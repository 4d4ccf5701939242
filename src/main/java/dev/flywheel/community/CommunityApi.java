package dev.flywheel.community;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/community")
@Tag(name = "Community", description = "Template gallery: submission with secret scrubbing, moderation, copies and their use, badges")
class CommunityApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record SubmitTemplate(String title, String description, String category, String format, List<String> apps, List<String> scopes,
            JsonNode payload, String onSecret, String remixOf, String changeNote, PriceView price) {
    }

    /** A price in minor units of an ISO 4217 currency ({@code {"amount": 1900, "currency": "USD"}} is $19.00); null means free. */
    record PriceView(Long amount, String currency) {

        static PriceView of(dev.flywheel.platform.Money money) {
            return money == null ? null : new PriceView(money.amount(), money.currency());
        }
    }

    record SubmitVersion(String title, String description, JsonNode payload, String onSecret, String changeNote) {
    }

    record Decision(String decision, String reason) {
    }

    record TakeCopy(String externalRef) {
    }

    record UsageReport(Boolean inUse) {
    }

    record ReportAbuse(String reason, String detail) {
    }

    record Resolve(String action, String note) {
    }

    record Feature(Integer rank) {
    }

    record Block(String kind, String term) {
    }

    record CreateCollection(String name, String description, List<String> templateIds) {
    }

    record TemplateView(String id, String object, String title, String description, String category, String format, List<String> apps,
            List<String> scopes, String state, Integer latestVersion, Integer publishedVersion, String remixedFrom, Integer remixedFromVersion,
            Integer featuredRank, AuthorView author, Long activeUses, Long copiesTaken, Long views, Instant createdAt, Instant publishedAt,
            JsonNode payload, List<RedactionView> redactions, PriceView price, Boolean payloadWithheld) {
    }

    record AuthorView(String organizationId, String name) {
    }

    record RedactionView(String path, String kind, String label) {
    }

    record VersionView(String id, String object, String templateId, int version, String reviewState, String reviewReason, String changeNote,
            List<RedactionView> redactions, Instant submittedAt, Instant reviewedAt, JsonNode payload) {
    }

    record QueueItemView(String versionId, String templateId, String title, int version, String format, String author, Instant submittedAt,
            List<RedactionView> redactions) {
    }

    record QueuePage(List<QueueItemView> data, boolean hasMore, String nextStartingAfter) {
    }

    record CopyView(String id, String object, String templateId, int version, String externalRef, Instant takenAt, Instant countsFrom,
            Instant lastSeenAt, Instant removedAt, boolean activeUse) {
    }

    record ReportView(String id, String object, String templateId, String reason, String detail, String status, String resolution,
            Instant createdAt, Instant resolvedAt) {
    }

    record BlockView(String id, String kind, String term, Instant createdAt) {
    }

    record LineageView(List<TemplateRef> ancestors, List<TemplateRef> remixes) {
    }

    record TemplateRef(String id, String title, Integer version) {
    }

    record ProfileView(String organizationId, String name, String kind, long activeUses, List<BadgeView> badges, List<TemplateView> templates) {
    }

    record BadgeView(String code, String label, String reason) {
    }

    record CategoryView(String slug, String name, long published) {
    }

    record CollectionView(String id, String name, String description, List<String> templateIds) {
    }

    private final Submissions submissions;
    private final Moderation moderation;
    private final Usage usage;
    private final Gallery gallery;
    private final TemplateRepository templates;
    private final ModerationRepository reports;
    private final TemplateSales sales;

    CommunityApi(Submissions submissions, Moderation moderation, Usage usage, Gallery gallery, TemplateRepository templates,
            ModerationRepository reports, TemplateSales sales) {
        this.sales = sales;
        this.submissions = submissions;
        this.moderation = moderation;
        this.usage = usage;
        this.gallery = gallery;
        this.templates = templates;
        this.reports = reports;
    }

    // ---- public gallery reads (no key needed)

    @GetMapping("/gallery/templates")
    @Operation(summary = "List published templates", description = "Newest first, cursor-paged. Public. Filter by `category` (slug), "
            + "`format` (n8n-workflow, zapier-template, make-scenario, product-native) and `q` (title or description).")
    CursorPage<TemplateView> listPublished(@RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter, @RequestParam(required = false) String category,
            @RequestParam(required = false) String format, @RequestParam(required = false) String q) {
        TemplateFormat f = format == null || format.isBlank() ? null : TemplateFormat.fromWire(format);
        return templates.listed(category, f, q, PageQuery.of(limit, startingAfter)).map(t -> view(gallery.view(t), false, List.of()));
    }

    @GetMapping("/gallery/ranking")
    @Operation(summary = "Top templates by real use", description = "Featured templates first (in the owner's order), then by active uses: "
            + "copies still in use 7 days after being taken. Raw clones do not count. At most `limit` (default 20, max 100).")
    List<TemplateView> ranking(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String category) {
        int n = limit == null ? 20 : limit;
        if (n < 1 || n > 100) {
            throw ApiException.invalid("limit", "must be between 1 and 100");
        }
        return gallery.ranked(category == null || category.isBlank() ? List.of() : List.of(category), null, null, 0, n).stream()
                .map(r -> view(gallery.view(r.template()), false, List.of())).toList();
    }

    @GetMapping("/gallery/templates/{id}")
    @Operation(summary = "Get a published template with its payload", description = "Public for published templates. The payload of a "
            + "paid template is withheld (`payload_withheld: true`) unless the caller's organization bought it, wrote it, or is the owner.")
    TemplateView getPublished(@PathVariable String id) {
        Template t = gallery.requireReadable(id, Caller.current());
        TemplateVersion v = templates.version(t.id(), t.publishedVersion() != null ? t.publishedVersion() : t.latestVersion()).orElseThrow();
        return view(gallery.view(t), sales.mayRead(Caller.current(), t), List.of(v));
    }

    @GetMapping("/gallery/templates/{id}/lineage")
    @Operation(summary = "Remix lineage", description = "The templates this one was remixed from (oldest first) and the published remixes of it.")
    LineageView lineage(@PathVariable String id) {
        Gallery.Lineage lineage = gallery.lineage(gallery.requireReadable(id, Caller.current()));
        return new LineageView(lineage.ancestors().stream().map(t -> new TemplateRef(t.id(), t.title(), t.publishedVersion())).toList(),
                lineage.remixes().stream().map(t -> new TemplateRef(t.id(), t.title(), t.publishedVersion())).toList());
    }

    @GetMapping("/gallery/categories")
    @Operation(summary = "Categories with their number of published templates")
    List<CategoryView> categories() {
        var counts = templates.listedPerCategory(null);
        return templates.categories().stream().map(c -> new CategoryView(c.slug(), c.name(), counts.getOrDefault(c.slug(), 0L))).toList();
    }

    @GetMapping("/gallery/contributors/{organizationId}")
    @Operation(summary = "A contributor's profile", description = "Published templates, active uses and badges (first template, 100 active uses, "
            + "featured, top contributor of a month).")
    ProfileView profile(@PathVariable String organizationId) {
        Gallery.Profile p = gallery.profile(organizationId);
        return new ProfileView(p.organizationId(), p.name(), p.kind(), p.activeUses(),
                p.badges().stream().map(b -> new BadgeView(b.code(), b.label(), b.reason())).toList(),
                p.templates().stream().map(r -> view(gallery.view(r.template()), false, List.of())).toList());
    }

    // ---- contributors

    @PostMapping("/templates")
    @Operation(summary = "Submit a template", description = "The payload is scanned for secrets (API keys and tokens of many vendors, JWTs, "
            + "private keys, bearer/basic authorization, passwords in URLs, webhook URLs, secret fields, pinned test data). With `on_secret: refuse` "
            + "(default) any finding refuses the submission with a `secret-in-payload` problem listing each JSON path; with `redact` the "
            + "secrets are replaced by `[redacted:kind]` markers and listed in `redactions`. The template then waits for moderation.")
    ResponseEntity<TemplateView> submit(@RequestBody SubmitTemplate body, Caller caller) {
        // The price is checked before anything is stored, so a bad price never leaves a template behind.
        java.util.Optional<dev.flywheel.platform.Money> price = body.price() == null ? java.util.Optional.empty()
                : TemplateSales.parsePrice(body.price().amount(), body.price().currency());
        Submissions.Submitted s = submissions.submit(caller, new Submissions.Submission(body.title(), body.description(), body.category(),
                body.format(), body.apps(), body.scopes(), body.payload(), body.onSecret(), body.remixOf(), body.changeNote()),
                price.orElse(null));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(gallery.view(s.template()), true, List.of(s.version())));
    }

    @GetMapping("/templates/{id}")
    @Operation(summary = "Get a template, including unpublished ones of your organization")
    TemplateView get(@PathVariable String id, Caller caller) {
        Template t = gallery.requireReadable(id, java.util.Optional.of(caller));
        return view(gallery.view(t), sales.mayRead(java.util.Optional.of(caller), t),
                List.of(templates.version(t.id(), t.latestVersion()).orElseThrow()));
    }

    @PostMapping("/templates/{id}/versions")
    @Operation(summary = "Submit a new version", description = "Scrubbed like a first submission; goes to moderation while the published version stays listed.")
    ResponseEntity<VersionView> submitVersion(@PathVariable String id, @RequestBody SubmitVersion body, Caller caller) {
        Submissions.Submitted s = submissions.submitVersion(caller, id, new Submissions.Submission(body.title(), body.description(), null,
                null, null, null, body.payload(), body.onSecret(), null, body.changeNote()));
        return ResponseEntity.status(HttpStatus.CREATED).body(versionView(s.version(), true));
    }

    @GetMapping("/templates/{id}/versions")
    @Operation(summary = "List a template's versions with their review decisions", description = "Newest first; at most 100.")
    List<VersionView> versions(@PathVariable String id, Caller caller) {
        Template t = gallery.requireReadable(id, java.util.Optional.of(caller));
        boolean mine = caller.isOwner() || caller.organizationId().equals(t.authorOrgId());
        return templates.versions(t.id()).stream().filter(v -> mine || v.reviewState() == ReviewState.APPROVED).limit(100)
                .map(v -> versionView(v, false)).toList();
    }

    @PostMapping("/templates/{id}/copies")
    @Operation(summary = "Register a copy taken", description = "Call when a user takes the template into their tool. Report its use later "
            + "with POST /copies/{id}/usage: it counts for ranking once it is still in use 7 days after being taken.")
    ResponseEntity<CopyView> take(@PathVariable String id, @RequestBody(required = false) TakeCopy body, Caller caller) {
        TemplateCopy copy = usage.take(caller, id, body == null ? null : body.externalRef());
        return ResponseEntity.status(HttpStatus.CREATED).body(copyView(copy));
    }

    @PostMapping("/copies/{id}/usage")
    @Operation(summary = "Report a copy still in use, or removed", description = "`{\"in_use\": true}` records that the copy runs now; "
            + "`{\"in_use\": false}` that it was removed. Only the organization that took the copy may report.")
    CopyView reportUsage(@PathVariable String id, @RequestBody UsageReport body, Caller caller) {
        if (body == null || body.inUse() == null) {
            throw ApiException.invalid("in_use", "must be true or false");
        }
        return copyView(usage.report(caller, id, body.inUse()));
    }

    @PostMapping("/templates/{id}/reports")
    @Operation(summary = "Report abuse", description = "Reasons: spam, malicious, leaks-data, broken, copyright, offensive, other.")
    ResponseEntity<ReportView> reportAbuse(@PathVariable String id, @RequestBody ReportAbuse body, Caller caller) {
        return ResponseEntity.status(HttpStatus.CREATED).body(reportView(moderation.report(caller, id, body.reason(), body.detail())));
    }

    // ---- moderation (owner)

    @GetMapping("/moderation/queue")
    @Operation(summary = "The moderation queue", description = "Pending versions, oldest first; page with `starting_after` (a version id).")
    QueuePage queue(@RequestParam(required = false) Integer limit, @RequestParam(name = "starting_after", required = false) String after,
            Caller caller) {
        Moderation.requireModerator(caller);
        PageQuery query = PageQuery.of(limit, after);
        List<TemplateRepository.QueueItem> rows = templates.queue(query.startingAfter(), query.fetchSize());
        boolean more = rows.size() > query.limit();
        List<QueueItemView> data = rows.stream().limit(query.limit()).map(i -> new QueueItemView(i.version().id(), i.template().id(),
                i.template().title(), i.version().version(), i.template().format().wire(), gallery.authorName(i.template().authorOrgId()),
                i.version().submittedAt(), redactions(i.version()))).toList();
        return new QueuePage(data, more, more ? data.get(data.size() - 1).versionId() : null);
    }

    @PostMapping("/moderation/versions/{versionId}/decision")
    @Operation(summary = "Decide on a pending version", description = "`decision`: approved, rejected or changes_requested; `reason` is required "
            + "for the last two and shown to the author.")
    TemplateView decide(@PathVariable String versionId, @RequestBody Decision body, Caller caller) {
        ReviewState decision = parseDecision(body.decision());
        Template t = moderation.decide(caller, versionId, decision, body.reason());
        return view(gallery.view(t), false, List.of());
    }

    @GetMapping("/moderation/reports")
    @Operation(summary = "Abuse reports", description = "Newest first, cursor-paged; `status` open, upheld or dismissed.")
    CursorPage<ReportView> reports(@RequestParam(required = false) String status, @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String after, Caller caller) {
        Moderation.requireModerator(caller);
        return reports.reports(status, PageQuery.of(limit, after)).map(CommunityApi::reportView);
    }

    @PostMapping("/moderation/reports/{id}/resolution")
    @Operation(summary = "Resolve an abuse report", description = "`action`: uphold (takes the template down) or dismiss.")
    ReportView resolve(@PathVariable String id, @RequestBody Resolve body, Caller caller) {
        String action = body.action() == null ? "" : body.action().toLowerCase(Locale.ROOT);
        if (!action.equals("uphold") && !action.equals("dismiss")) {
            throw ApiException.invalid("action", "must be uphold or dismiss");
        }
        return reportView(moderation.resolve(caller, id, action.equals("uphold"), body.note()));
    }

    @PostMapping("/moderation/templates/{id}/restore")
    @Operation(summary = "Restore a template taken down after a report")
    TemplateView restore(@PathVariable String id, Caller caller) {
        return view(gallery.view(moderation.restore(caller, id)), false, List.of());
    }

    @PutMapping("/moderation/templates/{id}/featured")
    @Operation(summary = "Feature a template", description = "`rank` 1 shows first; `{\"rank\": null}` removes the placement.")
    TemplateView feature(@PathVariable String id, @RequestBody Feature body, Caller caller) {
        return view(gallery.view(moderation.feature(caller, id, body.rank())), false, List.of());
    }

    @GetMapping("/moderation/blocklist")
    @Operation(summary = "The block-list of words and domains")
    List<BlockView> blocklist(Caller caller) {
        Moderation.requireModerator(caller);
        return reports.blocklist().stream().map(b -> new BlockView(b.id(), b.kind(), b.term(), b.createdAt())).toList();
    }

    @PostMapping("/moderation/blocklist")
    @Operation(summary = "Block a word or a domain", description = "`kind`: word or domain. Submissions containing it are refused with a "
            + "`blocked-content` problem that says where.")
    ResponseEntity<BlockView> block(@RequestBody Block body, Caller caller) {
        ModerationRepository.BlockedTerm b = moderation.block(caller, body.kind(), body.term());
        return ResponseEntity.status(HttpStatus.CREATED).body(new BlockView(b.id(), b.kind(), b.term(), b.createdAt()));
    }

    @DeleteMapping("/moderation/blocklist/{id}")
    @Operation(summary = "Remove a block-list entry")
    ResponseEntity<Void> unblock(@PathVariable String id, Caller caller) {
        moderation.unblock(caller, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/moderation/collections")
    @Operation(summary = "Create a curated collection", description = "Shown to n8n as a template collection.")
    ResponseEntity<CollectionView> collection(@RequestBody CreateCollection body, Caller caller) {
        CollectionRepository.Collection c = moderation.createCollection(caller, body.name(), body.description(), body.templateIds());
        return ResponseEntity.status(HttpStatus.CREATED).body(new CollectionView(c.id(), c.name(), c.description(), c.templateIds()));
    }

    // ---- views

    static ReviewState parseDecision(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (v) {
            case "approved", "approve" -> ReviewState.APPROVED;
            case "rejected", "reject" -> ReviewState.REJECTED;
            case "changes_requested", "request_changes" -> ReviewState.CHANGES_REQUESTED;
            default -> throw ApiException.invalid("decision", "must be approved, rejected or changes_requested");
        };
    }

    private TemplateView view(Gallery.TemplateView v, boolean withPayload, List<TemplateVersion> version) {
        Template t = v.template();
        TemplateVersion shown = version.isEmpty() ? null : version.get(0);
        return new TemplateView(t.id(), "template", t.title(), t.description(), t.category(), t.format().wire(), t.apps(), t.scopes(),
                t.state().wire(), t.latestVersion(), t.publishedVersion(), t.remixedFrom(), t.remixedFromVersion(), t.featuredRank(),
                new AuthorView(t.authorOrgId(), v.authorName()), v.activeUses(), v.copiesTaken(), t.viewCount(), t.createdAt(), t.publishedAt(),
                withPayload && shown != null ? JSON.readTree(shown.payload()) : null, shown == null ? null : redactions(shown),
                PriceView.of(v.price()), shown != null && !withPayload ? Boolean.TRUE : null);
    }

    private static VersionView versionView(TemplateVersion v, boolean withPayload) {
        return new VersionView(v.id(), "template_version", v.templateId(), v.version(), v.reviewState().wire(), v.reviewReason(), v.changeNote(),
                redactions(v), v.submittedAt(), v.reviewedAt(), withPayload ? JSON.readTree(v.payload()) : null);
    }

    private static List<RedactionView> redactions(TemplateVersion v) {
        return v.redactions().stream().map(f -> new RedactionView(f.path(), f.kind(), f.label())).toList();
    }

    private CopyView copyView(TemplateCopy c) {
        return new CopyView(c.id(), "template_copy", c.templateId(), c.version(), c.externalRef(), c.takenAt(), c.retentionDueAt(),
                c.lastSeenAt(), c.removedAt(), usage.isActiveUse(c));
    }

    private static ReportView reportView(ModerationRepository.AbuseReport r) {
        return new ReportView(r.id(), "abuse_report", r.templateId(), r.reason(), r.detail(), r.status(), r.resolution(), r.createdAt(),
                r.resolvedAt());
    }
}
