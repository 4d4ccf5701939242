package dev.flywheel.marketplace;

import dev.flywheel.developer.App;
import dev.flywheel.developer.Apps;
import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.identity.PartnerType;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, editing and reviewing listings: the submission lifecycle from draft to published
 * (see {@link SubmissionState}). Partners act on their own listings; owner staff review, decide
 * appeals and suspend.
 */
@Service
class Listings {

    /** Where a listing's latest version stands, as its partner sees it. */
    record ReviewStatus(Listing listing, ListingVersion version, Completeness.Result completeness, List<ListingRepository.HistoryEntry> history,
            List<ReviewCheck.Result> checks, Integer queuePosition, Instant slaDueAt, Duration slaRemaining) {

        public boolean overdue() {
            return slaRemaining != null && slaRemaining.isNegative();
        }
    }

    private final ListingRepository repository;
    private final Announcements announcements;
    private final Apps apps;
    private final ReviewPipeline pipeline;
    private final ListingValidation validation;
    private final Organizations organizations;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final MarketplaceProperties properties;
    private final Clock clock;

    Listings(ListingRepository repository, Announcements announcements, Apps apps, ReviewPipeline pipeline, ListingValidation validation, Organizations organizations,
            AuditLog audit, ApplicationEventPublisher events, MarketplaceProperties properties, Clock clock) {
        this.repository = repository;
        this.announcements = announcements;
        this.apps = apps;
        this.pipeline = pipeline;
        this.validation = validation;
        this.organizations = organizations;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    Listing create(Caller caller, ListingContent content) {
        requireListingOwnerKind(caller);
        validation.validate(content);
        Instant now = clock.instant();
        String base = slugOf(content.name());
        Listing listing = null;
        for (int i = 1; listing == null; i++) {
            Listing candidate = new Listing(Ids.next("lst"), caller.organizationId(), i == 1 ? base : base + "-" + i, null, null, null, null, null,
                    CertificationTier.LISTED, now, now);
            if (repository.insertListing(candidate)) {
                listing = candidate;
            }
        }
        ListingVersion version = new ListingVersion(Ids.next("lsv"), listing.id(), 1, SubmissionState.DRAFT, content, List.of(), null, null,
                null, null, now, now);
        repository.insertVersion(version);
        repository.addHistory(version.id(), null, SubmissionState.DRAFT, caller.label(), "created", now);
        audit.record(caller.organizationId(), "listing.created", listing.id(), content.name());
        return listing;
    }

    /**
     * Saves new content. A draft or rejected version is edited in place; a published one stays
     * live while a new draft version is made from the change (every version is reviewed again).
     */
    @Transactional
    ListingVersion update(Caller caller, String listingId, ListingContent content) {
        Listing listing = ownListing(caller, listingId);
        validation.validate(content);
        ListingVersion latest = repository.latestVersion(listing.id()).orElseThrow();
        Instant now = clock.instant();
        if (latest.state().editable()) {
            repository.updateContent(latest.id(), content, now);
            return repository.version(latest.id()).orElseThrow();
        }
        if (latest.state() == SubmissionState.PUBLISHED) {
            ListingVersion next = new ListingVersion(Ids.next("lsv"), listing.id(), latest.number() + 1, SubmissionState.DRAFT, content,
                    List.of(), null, null, null, null, now, now);
            repository.insertVersion(next);
            repository.addHistory(next.id(), null, SubmissionState.DRAFT, caller.label(), "new version of a published listing", now);
            return next;
        }
        throw ApiException.conflict("Version " + latest.number() + " is " + latest.state().wire().replace('_', ' ')
                + " and cannot be changed until it is decided. Edit it after the decision.");
    }

    /**
     * Links the listing to the partner's developer platform app: the OAuth client customers
     * authorize when they install, so the install's tokens come from the app's grant. The app
     * must be the same partner's and active; null unlinks.
     */
    @Transactional
    Listing linkApp(Caller caller, String listingId, String appId) {
        Listing listing = ownListing(caller, listingId);
        if (appId != null && !appId.isBlank()) {
            App app = apps.find(appId.strip()).filter(a -> a.organizationId().equals(listing.partnerId()))
                    .orElseThrow(() -> ApiException.invalid("app_id", "must be an app your organization registered (GET /api/v1/apps)"));
            if (!app.isActive()) {
                throw ApiException.invalid("app_id", "names a disabled app");
            }
        }
        repository.setApp(listing.id(), appId == null || appId.isBlank() ? null : appId.strip(), clock.instant());
        audit.record(listing.partnerId(), "listing.app_linked", listing.id(), appId);
        return repository.find(listing.id()).orElseThrow();
    }

    @Transactional
    ListingVersion submit(Caller caller, String listingId) {
        Listing listing = ownListing(caller, listingId);
        ListingVersion latest = repository.latestVersion(listing.id()).orElseThrow();
        move(latest, SubmissionState.SUBMITTED, caller.label(), latest.state() == SubmissionState.REJECTED ? "resubmitted" : "submitted");
        events.publishEvent(new ListingSubmitted(listing.id(), latest.id()));
        return repository.version(latest.id()).orElseThrow();
    }

    /** Runs the automated checks of a submitted version once, whichever node gets the event. */
    @ApplicationModuleListener
    void on(ListingSubmitted submitted) {
        runChecks(submitted.versionId());
    }

    @Transactional
    void runChecks(String versionId) {
        Instant now = clock.instant();
        if (!repository.moveState(versionId, SubmissionState.SUBMITTED, SubmissionState.AUTOMATED_CHECKS, now)) {
            return; // another node took it, or it was decided already
        }
        repository.addHistory(versionId, SubmissionState.SUBMITTED, SubmissionState.AUTOMATED_CHECKS, "marketplace", null, now);
        ListingVersion version = repository.version(versionId).orElseThrow();
        Listing listing = repository.find(version.listingId()).orElseThrow();
        List<ReviewCheck.Result> results = pipeline.run(new ReviewCheck.Subject(listing.id(), listing.partnerId(), listing.appId(),
                version.content(), repository.publishedNames()));
        Instant done = clock.instant();
        repository.replaceCheckResults(versionId, results, done);
        if (ReviewPipeline.passed(results)) {
            move(version.id(), SubmissionState.AUTOMATED_CHECKS, SubmissionState.HUMAN_REVIEW, "marketplace", "automated checks passed", done);
        } else {
            List<String> reasons = ReviewPipeline.failures(results);
            repository.setReasons(versionId, reasons);
            move(version.id(), SubmissionState.AUTOMATED_CHECKS, SubmissionState.REJECTED, "marketplace", "automated checks failed", done);
        }
    }

    @Transactional
    ListingVersion approve(Caller caller, String listingId, String note) {
        requireReviewer(caller);
        Listing listing = repository.find(listingId).orElseThrow(() -> ApiException.notFound("listing", listingId));
        ListingVersion latest = repository.latestVersion(listing.id()).orElseThrow();
        if (latest.state() != SubmissionState.HUMAN_REVIEW && latest.state() != SubmissionState.APPEALED) {
            throw illegal(latest.state(), SubmissionState.PUBLISHED);
        }
        Instant now = clock.instant();
        if (listing.publishedVersionId() != null) {
            repository.moveState(listing.publishedVersionId(), SubmissionState.PUBLISHED, SubmissionState.SUPERSEDED, now);
            repository.addHistory(listing.publishedVersionId(), SubmissionState.PUBLISHED, SubmissionState.SUPERSEDED, caller.label(),
                    "replaced by version " + latest.number(), now);
        }
        move(latest, SubmissionState.PUBLISHED, caller.label(), blankToNull(note));
        repository.setReasons(latest.id(), List.of());
        repository.markPublished(listing.id(), latest.id(), now);
        audit.record(listing.partnerId(), "listing.published", listing.id(), latest.content().name() + " v" + latest.number());
        announcements.published(listing, latest);
        events.publishEvent(new ListingPublished(listing.id(), listing.partnerId(), listing.slug(), latest.number()));
        return repository.version(latest.id()).orElseThrow();
    }

    @Transactional
    ListingVersion reject(Caller caller, String listingId, List<String> reasons) {
        requireReviewer(caller);
        List<String> cleaned = reasons == null ? List.of() : reasons.stream().filter(r -> r != null && !r.isBlank()).map(String::strip).toList();
        if (cleaned.isEmpty()) {
            throw ApiException.invalid("reasons", "must give at least one reason, so the partner knows what to fix");
        }
        Listing listing = repository.find(listingId).orElseThrow(() -> ApiException.notFound("listing", listingId));
        ListingVersion latest = repository.latestVersion(listing.id()).orElseThrow();
        if (latest.state() != SubmissionState.HUMAN_REVIEW && latest.state() != SubmissionState.APPEALED) {
            throw illegal(latest.state(), SubmissionState.REJECTED);
        }
        move(latest, SubmissionState.REJECTED, caller.label(), String.join("; ", cleaned));
        repository.setReasons(latest.id(), cleaned);
        audit.record(listing.partnerId(), "listing.rejected", listing.id(), String.join("; ", cleaned));
        return repository.version(latest.id()).orElseThrow();
    }

    @Transactional
    ListingVersion appeal(Caller caller, String listingId, String statement) {
        Listing listing = ownListing(caller, listingId);
        if (statement == null || statement.isBlank() || statement.length() > 4000) {
            throw ApiException.invalid("statement", "must explain in 1 to 4000 characters why the rejection should be reconsidered");
        }
        ListingVersion latest = repository.latestVersion(listing.id()).orElseThrow();
        move(latest, SubmissionState.APPEALED, caller.label(), statement.strip());
        repository.setAppeal(latest.id(), statement.strip());
        return repository.version(latest.id()).orElseThrow();
    }

    @Transactional
    Listing suspend(Caller caller, String listingId, String reason) {
        requireReviewer(caller);
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalid("reason", "must say why the app is suspended; the partner sees it");
        }
        Listing listing = repository.find(listingId).orElseThrow(() -> ApiException.notFound("listing", listingId));
        if (listing.suspended()) {
            throw ApiException.conflict("This listing is suspended already.");
        }
        repository.suspend(listing.id(), reason.strip(), clock.instant());
        audit.record(listing.partnerId(), "listing.suspended", listing.id(), reason.strip());
        events.publishEvent(new ListingSuspended(listing.id(), listing.partnerId(), reason.strip()));
        if (listing.appId() != null) {
            apps.accessChanged(listing.appId());
        }
        return repository.find(listing.id()).orElseThrow();
    }

    @Transactional
    Listing reinstate(Caller caller, String listingId) {
        requireReviewer(caller);
        Listing listing = repository.find(listingId).orElseThrow(() -> ApiException.notFound("listing", listingId));
        if (!listing.suspended()) {
            throw ApiException.conflict("This listing is not suspended.");
        }
        repository.reinstate(listing.id(), clock.instant());
        audit.record(listing.partnerId(), "listing.reinstated", listing.id(), null);
        events.publishEvent(new ListingReinstated(listing.id(), listing.partnerId()));
        if (listing.appId() != null) {
            apps.accessChanged(listing.appId());
        }
        return repository.find(listing.id()).orElseThrow();
    }

    ReviewStatus status(Caller caller, String listingId) {
        Listing listing = visibleListing(caller, listingId);
        ListingVersion latest = repository.latestVersion(listing.id()).orElseThrow();
        Integer position = latest.state().queued() ? repository.queuePosition(latest) : null;
        Instant due = latest.queuedAt() == null || !latest.state().queued() ? null : latest.queuedAt().plus(properties.reviewSla());
        Duration remaining = due == null ? null : Duration.between(clock.instant(), due);
        return new ReviewStatus(listing, latest, Completeness.of(latest.content()), repository.history(latest.id()),
                repository.checkResults(latest.id()), position, due, remaining);
    }

    CursorPage<Listing> list(Caller caller, PageQuery query) {
        return repository.ofPartner(caller.isOwner() ? null : caller.organizationId(), query);
    }

    List<ListingVersion> queue(Caller caller) {
        requireReviewer(caller);
        return repository.queue(200);
    }

    /** The partner's own listing; the owner's staff may read any. */
    Listing visibleListing(Caller caller, String listingId) {
        return repository.find(listingId).filter(l -> caller.canSee(l.partnerId()))
                .orElseThrow(() -> ApiException.notFound("listing", listingId));
    }

    private Listing ownListing(Caller caller, String listingId) {
        Listing listing = repository.find(listingId).filter(l -> l.partnerId().equals(caller.organizationId()))
                .orElseThrow(() -> ApiException.notFound("listing", listingId));
        return listing;
    }

    private void requireListingOwnerKind(Caller caller) {
        if (caller.isOwner()) {
            return;
        }
        Organization org = organizations.find(caller.organizationId()).orElseThrow();
        if (org.kind() != OrganizationKind.PARTNER || org.partnerType() != PartnerType.TECHNOLOGY) {
            throw ApiException.forbidden("Only technology partners (and the owner) list apps in the marketplace.");
        }
    }

    static void requireReviewer(Caller caller) {
        if (!caller.isOwner() || caller.role() == dev.flywheel.identity.Role.ANALYST) {
            throw ApiException.forbidden("Only the owner's admins and partner managers review listings.");
        }
    }

    private void move(ListingVersion version, SubmissionState to, String actor, String note) {
        move(version.id(), version.state(), to, actor, note, clock.instant());
    }

    private void move(String versionId, SubmissionState from, SubmissionState to, String actor, String note, Instant now) {
        if (!from.canMoveTo(to)) {
            throw illegal(from, to);
        }
        if (!repository.moveState(versionId, from, to, now)) {
            throw ApiException.conflict("This listing version changed state a moment ago. Reload it and try again.");
        }
        repository.addHistory(versionId, from, to, actor, note, now);
    }

    private static ApiException illegal(SubmissionState from, SubmissionState to) {
        return ApiException.conflict(new SubmissionState.IllegalTransition(from, to).getMessage());
    }

    static String slugOf(String name) {
        String s = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "app" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
