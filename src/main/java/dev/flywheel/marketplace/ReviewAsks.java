package dev.flywheel.marketplace;

import dev.flywheel.platform.PublicUrls;
import dev.flywheel.platform.mail.Mailer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review ask: {@code review-ask-delay} (14 days) after an install is first used, its
 * installer gets one email with a direct link to the review form, and the product can show one
 * in-app prompt (see {@link #prompts}). Each is claimed in the database before it is sent, so it
 * goes out once per install however many nodes run this.
 */
@Service
class ReviewAsks {

    /** An in-app review prompt for the product to show. */
    record Prompt(String installationId, String listingId, String slug, String name, String reviewUrl) {
    }

    private final InstallationRepository installations;
    private final ListingRepository listings;
    private final Reviews reviews;
    private final Mailer mailer;
    private final PublicUrls urls;
    private final MarketplaceProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ReviewAsks(InstallationRepository installations, ListingRepository listings, Reviews reviews, Mailer mailer, PublicUrls urls,
            MarketplaceProperties properties, TransactionTemplate transactions, Clock clock) {
        this.installations = installations;
        this.listings = listings;
        this.reviews = reviews;
        this.mailer = mailer;
        this.urls = urls;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
    void periodically() {
        sendDue(clock.instant());
    }

    /** Sends every review-ask email due at {@code now}; returns how many went out. */
    int sendDue(Instant now) {
        int sent = 0;
        for (Installation installation : installations.dueForReviewAsk(now.minus(properties.reviewAskDelay()), 500)) {
            Boolean done = transactions.execute(status -> {
                if (!installations.claimReviewAsk(installation.id(), now)) {
                    return false;
                }
                if (reviews.ofAccount(installation.listingId(), installation.accountId()).isPresent()) {
                    return false; // reviewed already: claimed, nothing to ask
                }
                Listing listing = listings.find(installation.listingId()).orElseThrow();
                String name = listings.version(listing.publishedVersionId()).map(v -> v.content().name()).orElse(listing.slug());
                mailer.send(installation.installerEmail(), "How is " + name + " working for you?",
                        "Hello,\n\nYou installed " + name + " two weeks ago. Other customers choose apps by the reviews of people like you.\n\n"
                                + "Review it here (one minute, 1 to 5 stars):\n" + reviewUrl(listing.slug()) + "\n\n"
                                + "We only ask once for this install.\n");
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                sent++;
            }
        }
        return sent;
    }

    /** The in-app prompts due for an account now; each is returned once, then never again for that install. */
    List<Prompt> prompts(String accountId, Instant now) {
        List<Prompt> out = new ArrayList<>();
        for (Installation installation : installations.duePrompts(accountId, now.minus(properties.reviewAskDelay()))) {
            Prompt prompt = transactions.execute(status -> {
                if (!installations.claimPrompt(installation.id(), now)
                        || reviews.ofAccount(installation.listingId(), installation.accountId()).isPresent()) {
                    return null;
                }
                Listing listing = listings.find(installation.listingId()).orElseThrow();
                if (!listing.live()) {
                    return null;
                }
                String name = listings.version(listing.publishedVersionId()).map(v -> v.content().name()).orElse(listing.slug());
                return new Prompt(installation.id(), listing.id(), listing.slug(), name, reviewUrl(listing.slug()));
            });
            if (prompt != null) {
                out.add(prompt);
            }
        }
        return out;
    }

    private String reviewUrl(String slug) {
        return urls.of("/marketplace/apps/" + slug + "/review");
    }
}
