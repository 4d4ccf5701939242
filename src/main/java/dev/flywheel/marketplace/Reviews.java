package dev.flywheel.marketplace;

import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Role;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verified reviews: written by people of a customer account that installed the app (see
 * {@link ReviewEligibility}), one per account and app, updatable after a fix; the developer's
 * public reply; reports of abusive or fake reviews into the owner's moderation queue.
 */
@Service
class Reviews {

    private final ReviewRepository reviews;
    private final Announcements announcements;
    private final InstallationRepository installations;
    private final ListingRepository listings;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final MarketplaceProperties properties;
    private final Clock clock;

    Reviews(ReviewRepository reviews, Announcements announcements, InstallationRepository installations, ListingRepository listings,
            AuditLog audit, ApplicationEventPublisher events, MarketplaceProperties properties, Clock clock) {
        this.reviews = reviews;
        this.announcements = announcements;
        this.installations = installations;
        this.listings = listings;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    Review write(Caller caller, String listingId, Integer stars, String body, String appVersion) {
        if (caller.organizationKind() != OrganizationKind.CUSTOMER) {
            throw ApiException.forbidden("Reviews are written by people of customer accounts that installed the app.");
        }
        validate(stars, body, appVersion);
        Instant now = clock.instant();
        Installation installation = installations.find(listingId, caller.organizationId()).orElse(null);
        if (!ReviewEligibility.mayReview(installation, now, properties.reviewWindowAfterUninstall())) {
            throw ApiException.forbidden("Only accounts that have installed this app (or uninstalled it within the last "
                    + properties.reviewWindowAfterUninstall().toDays() + " days) may review it.");
        }
        Review review = new Review(Ids.next("rev"), listingId, caller.organizationId(), caller.actorId(), caller.label(), stars,
                body.strip(), blankToNull(appVersion), true, now, now, null, null);
        if (!reviews.insertIfFirst(review)) {
            Review existing = reviews.find(listingId, caller.organizationId()).orElseThrow();
            throw ApiException.conflict("This account has reviewed this app already; update that review instead.")
                    .with("review_id", existing.id());
        }
        announcements.reviewPosted(listings.find(listingId).orElseThrow(), review);
        events.publishEvent(new SignalsChanged(listingId));
        return review;
    }

    /** The reviewer's account changes its review, e.g. after the developer fixed the problem. */
    @Transactional
    Review update(Caller caller, String reviewId, Integer stars, String body, String appVersion) {
        Review review = reviews.find(reviewId).filter(r -> r.accountId().equals(caller.organizationId()))
                .orElseThrow(() -> ApiException.notFound("review", reviewId));
        validate(stars, body, appVersion);
        reviews.update(review.id(), stars, body.strip(), blankToNull(appVersion), clock.instant());
        events.publishEvent(new SignalsChanged(review.listingId()));
        return reviews.find(review.id()).orElseThrow();
    }

    /** The app's developer answers publicly (once; a later reply replaces the earlier one). */
    @Transactional
    Review reply(Caller caller, String reviewId, String body) {
        Review review = reviews.find(reviewId).orElseThrow(() -> ApiException.notFound("review", reviewId));
        Listing listing = listings.find(review.listingId()).orElseThrow();
        if (!listing.partnerId().equals(caller.organizationId())) {
            throw ApiException.forbidden("Only the app's own developer may reply to its reviews.");
        }
        if (body == null || body.isBlank() || body.length() > 4000) {
            throw ApiException.invalid("body", "must be 1 to 4000 characters");
        }
        if (SecretsInTextCheck.containsSecret(body)) {
            throw ApiException.invalid("body", "contains what looks like a credential; remove it");
        }
        reviews.reply(review.id(), body.strip(), clock.instant());
        events.publishEvent(new SignalsChanged(review.listingId()));
        return reviews.find(review.id()).orElseThrow();
    }

    @Transactional
    String report(Caller caller, String reviewId, String reason) {
        Review review = reviews.find(reviewId).filter(Review::visible).orElseThrow(() -> ApiException.notFound("review", reviewId));
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw ApiException.invalid("reason", "must say in 1 to 2000 characters what is abusive or fake about the review");
        }
        return reviews.report(review.id(), caller.label(), reason.strip(), clock.instant());
    }

    List<ReviewRepository.Report> moderationQueue(Caller caller) {
        Listings.requireReviewer(caller);
        return reviews.openReports(200);
    }

    /** Decides a reported review: {@code remove} hides it from the storefront, {@code keep} dismisses the reports. */
    @Transactional
    Review moderate(Caller caller, String reviewId, String decision) {
        Listings.requireReviewer(caller);
        Review review = reviews.find(reviewId).orElseThrow(() -> ApiException.notFound("review", reviewId));
        boolean remove = switch (decision == null ? "" : decision) {
            case "remove" -> true;
            case "keep" -> false;
            default -> throw ApiException.invalid("decision", "must be remove or keep");
        };
        if (!reviews.resolveReports(review.id(), remove ? "removed" : "kept", caller.label(), clock.instant())) {
            throw ApiException.conflict("This review has no open report; it was decided already.");
        }
        if (remove) {
            reviews.setVisible(review.id(), false);
            events.publishEvent(new SignalsChanged(review.listingId()));
        }
        audit.record(listings.find(review.listingId()).map(Listing::partnerId).orElse(null), "review." + (remove ? "removed" : "kept"),
                review.id(), null);
        return reviews.find(review.id()).orElseThrow();
    }

    CursorPage<Review> visible(String listingId, PageQuery query) {
        return reviews.visible(listingId, query);
    }

    java.util.Optional<Review> ofAccount(String listingId, String accountId) {
        return reviews.find(listingId, accountId);
    }

    static boolean isCustomer(Caller caller) {
        return caller.organizationKind() == OrganizationKind.CUSTOMER && caller.role() != null
                && (caller.role() == Role.CUSTOMER_ADMIN || caller.role() == Role.CUSTOMER_MEMBER);
    }

    private static void validate(Integer stars, String body, String appVersion) {
        if (!ReviewEligibility.validStars(stars)) {
            throw ApiException.invalid("stars", "must be a whole number from 1 to 5");
        }
        if (body == null || body.isBlank() || body.length() > 4000) {
            throw ApiException.invalid("body", "must be 1 to 4000 characters");
        }
        if (appVersion != null && appVersion.length() > 40) {
            throw ApiException.invalid("app_version", "must be at most 40 characters");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
