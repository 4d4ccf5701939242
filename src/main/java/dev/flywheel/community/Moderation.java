package dev.flywheel.community;

import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Domains;
import dev.flywheel.identity.Role;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's moderation work: deciding on submitted versions (approve, reject with a reason,
 * request changes), abuse reports (uphold takes the template down), the block-list, featured
 * placement and collections. Moderators are owner admins, partner managers and owner API keys.
 */
@Service
class Moderation {

    /** Reasons a person may give when reporting a template. */
    static final List<String> REPORT_REASONS = List.of("spam", "malicious", "leaks-data", "broken", "copyright", "offensive", "other");

    private final TemplateRepository templates;
    private final ModerationRepository moderation;
    private final CollectionRepository collections;
    private final AuditLog audit;
    private final Clock clock;

    Moderation(TemplateRepository templates, ModerationRepository moderation, CollectionRepository collections, AuditLog audit, Clock clock) {
        this.templates = templates;
        this.moderation = moderation;
        this.collections = collections;
        this.audit = audit;
        this.clock = clock;
    }

    static void requireModerator(Caller caller) {
        if (!caller.isOwner() || !(caller.role() == null || caller.role() == Role.OWNER_ADMIN || caller.role() == Role.PARTNER_MANAGER)) {
            throw ApiException.forbidden("Only owner admins, partner managers and owner API keys moderate the gallery.");
        }
    }

    /** Approves, rejects or asks for changes on a pending version. Rejecting and asking for changes need a reason. */
    @Transactional
    Template decide(Caller caller, String versionId, ReviewState decision, String reason) {
        requireModerator(caller);
        if (decision == ReviewState.PENDING) {
            throw ApiException.invalid("decision", "must be approved, rejected or changes_requested");
        }
        String why = reason == null ? null : reason.trim();
        if (decision != ReviewState.APPROVED && (why == null || why.length() < 5)) {
            throw ApiException.invalid("reason", "must say in at least 5 characters what is wrong, so the author can fix it");
        }
        if (why != null && why.length() > 1000) {
            throw ApiException.invalid("reason", "must be at most 1000 characters");
        }
        TemplateVersion version = templates.findVersion(versionId).orElseThrow(() -> ApiException.notFound("template version", versionId));
        Template template = templates.find(version.templateId()).orElseThrow();
        Instant now = clock.instant();
        if (!templates.decide(versionId, decision, why, caller.label(), now)) {
            throw ApiException.conflict("Version " + version.version() + " of '" + template.title() + "' was already decided ("
                    + templates.findVersion(versionId).orElseThrow().reviewState().wire() + ").");
        }
        ListingState from = template.state();
        boolean wasPublished = template.publishedVersion() != null && from == ListingState.PUBLISHED;
        ListingState to = switch (decision) {
            case APPROVED -> from.moveTo(ListingState.PUBLISHED);
            case REJECTED -> wasPublished ? from : from.moveTo(ListingState.REJECTED);
            case CHANGES_REQUESTED -> wasPublished ? from : from.moveTo(ListingState.CHANGES_REQUESTED);
            case PENDING -> throw new IllegalStateException();
        };
        Integer published = decision == ReviewState.APPROVED ? Integer.valueOf(version.version()) : template.publishedVersion();
        if (!templates.changeState(template.id(), from, to, published, now)) {
            throw ApiException.conflict("The template changed while it was being moderated. Read it again and retry.");
        }
        audit.record(caller.organizationId(), "community.version." + decision.wire(), template.id(),
                template.title() + " v" + version.version() + (why == null ? "" : ": " + why));
        return templates.find(template.id()).orElseThrow();
    }

    @Transactional
    ModerationRepository.AbuseReport report(Caller caller, String templateId, String reason, String detail) {
        Template template = templates.find(templateId).filter(Template::listed).orElseThrow(() -> ApiException.notFound("template", templateId));
        String r = reason == null ? "" : reason.trim().toLowerCase(Locale.ROOT);
        if (!REPORT_REASONS.contains(r)) {
            throw ApiException.invalid("reason", "must be one of " + String.join(", ", REPORT_REASONS));
        }
        if (detail != null && detail.length() > 2000) {
            throw ApiException.invalid("detail", "must be at most 2000 characters");
        }
        ModerationRepository.AbuseReport report = new ModerationRepository.AbuseReport(Ids.next("abr"), template.id(),
                caller.organizationId(), caller.label(), r, detail == null || detail.isBlank() ? null : detail.trim(), "open",
                null, null, clock.instant(), null);
        moderation.insertReport(report);
        return report;
    }

    /** Upholding a report takes the template down; dismissing leaves it listed. */
    @Transactional
    ModerationRepository.AbuseReport resolve(Caller caller, String reportId, boolean uphold, String note) {
        requireModerator(caller);
        ModerationRepository.AbuseReport report = moderation.findReport(reportId).orElseThrow(() -> ApiException.notFound("abuse report", reportId));
        Instant now = clock.instant();
        if (!moderation.resolve(reportId, uphold ? "upheld" : "dismissed", note, caller.label(), now)) {
            throw ApiException.conflict("This report was already " + report.status() + ".");
        }
        if (uphold) {
            Template template = templates.find(report.templateId()).orElseThrow();
            if (template.state() == ListingState.PUBLISHED) {
                templates.changeState(template.id(), ListingState.PUBLISHED, ListingState.PUBLISHED.moveTo(ListingState.HIDDEN),
                        template.publishedVersion(), now);
            }
        }
        audit.record(caller.organizationId(), "community.report." + (uphold ? "upheld" : "dismissed"), report.templateId(), note);
        return moderation.findReport(reportId).orElseThrow();
    }

    @Transactional
    Template restore(Caller caller, String templateId) {
        requireModerator(caller);
        Template template = templates.find(templateId).orElseThrow(() -> ApiException.notFound("template", templateId));
        ListingState to = template.state().moveTo(ListingState.PUBLISHED);
        templates.changeState(templateId, template.state(), to, template.publishedVersion(), clock.instant());
        audit.record(caller.organizationId(), "community.template.restored", templateId, template.title());
        return templates.find(templateId).orElseThrow();
    }

    /** Features a listed template at a rank (1 shows first), or removes the placement with a null rank. */
    @Transactional
    Template feature(Caller caller, String templateId, Integer rank) {
        requireModerator(caller);
        Template template = templates.find(templateId).orElseThrow(() -> ApiException.notFound("template", templateId));
        if (rank != null && (rank < 1 || rank > 1000)) {
            throw ApiException.invalid("rank", "must be between 1 and 1000");
        }
        if (rank != null && !template.listed()) {
            throw ApiException.conflict("Only a published template can be featured; '" + template.title() + "' is " + template.state().wire() + ".");
        }
        templates.feature(templateId, rank, clock.instant());
        audit.record(caller.organizationId(), rank == null ? "community.template.unfeatured" : "community.template.featured", templateId,
                template.title());
        return templates.find(templateId).orElseThrow();
    }

    @Transactional
    ModerationRepository.BlockedTerm block(Caller caller, String kind, String term) {
        requireModerator(caller);
        String k = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        String t = term == null ? "" : term.trim();
        if (!k.equals("word") && !k.equals("domain")) {
            throw ApiException.invalid("kind", "must be word or domain");
        }
        if (k.equals("domain")) {
            t = Domains.normalize(t);
            if (t == null || !Domains.isValid(t)) {
                throw ApiException.invalid("term", "must be a domain name such as spam.example");
            }
        } else if (t.length() < 2 || t.length() > 100) {
            throw ApiException.invalid("term", "must be a word of 2 to 100 characters");
        } else {
            t = t.toLowerCase(Locale.ROOT);
        }
        ModerationRepository.BlockedTerm blocked = new ModerationRepository.BlockedTerm(Ids.next("blk"), k, t, clock.instant());
        if (moderation.block(blocked)) {
            audit.record(caller.organizationId(), "community.blocklist.added", blocked.id(), k + " " + t);
        }
        String finalTerm = t;
        return moderation.blocklist().stream().filter(b -> b.kind().equals(k) && b.term().equals(finalTerm)).findFirst().orElseThrow();
    }

    @Transactional
    void unblock(Caller caller, String id) {
        requireModerator(caller);
        if (!moderation.unblock(id)) {
            throw ApiException.notFound("block-list entry", id);
        }
        audit.record(caller.organizationId(), "community.blocklist.removed", id, null);
    }

    @Transactional
    CollectionRepository.Collection createCollection(Caller caller, String name, String description, List<String> templateIds) {
        requireModerator(caller);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.invalid("name", "must be 1 to 200 characters");
        }
        if (templateIds == null || templateIds.isEmpty() || templateIds.size() > 100) {
            throw ApiException.invalid("template_ids", "must list 1 to 100 published templates");
        }
        List<String> ids = templateIds.stream().distinct().toList();
        for (String id : ids) {
            templates.find(id).filter(Template::listed).orElseThrow(() -> ApiException.invalid("template_ids", "'" + id + "' is not a published template"));
        }
        String id = Ids.next("col");
        collections.insert(id, name.trim(), description == null || description.isBlank() ? null : description.trim(), ids, clock.instant());
        return collections.find(id).orElseThrow();
    }
}
