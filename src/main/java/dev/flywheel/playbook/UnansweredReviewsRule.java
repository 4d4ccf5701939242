package dev.flywheel.playbook;

import dev.flywheel.marketplace.MarketplaceActivity;
import dev.flywheel.marketplace.MarketplaceActivity.UnansweredReview;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Reviews left unanswered: visible marketplace reviews the app's developer has not replied to within the reply wait. */
@Component
class UnansweredReviewsRule implements HealthRule {

    static final int EXAMPLES = 5;

    private final MarketplaceActivity marketplace;
    private final PlaybookProperties properties;

    UnansweredReviewsRule(MarketplaceActivity marketplace, PlaybookProperties properties) {
        this.marketplace = marketplace;
        this.properties = properties;
    }

    @Override
    public Stall stall() {
        return Stall.UNANSWERED_REVIEWS;
    }

    @Override
    public Finding check(Instant now) {
        return evaluate(marketplace.unansweredReviews(now.minus(properties.reviewReplyWait())), properties, now);
    }

    /** {@code waiting}: unanswered reviews older than the reply wait, oldest first. */
    static Finding evaluate(List<UnansweredReview> waiting, PlaybookProperties p, Instant now) {
        long days = p.reviewReplyWait().toDays();
        String checked = waiting.size() + " visible review(s) older than " + days + " days without a reply from the app's developer.";
        if (waiting.isEmpty()) {
            return Finding.healthy(checked);
        }
        Instant longAgo = now.minus(p.reviewReplyWait().multipliedBy(2));
        boolean critical = waiting.stream().anyMatch(r -> r.stars() <= 2 || r.createdAt().isBefore(longAgo));
        long apps = waiting.stream().map(UnansweredReview::listingId).distinct().count();
        String examples = waiting.stream().limit(EXAMPLES)
                .map(r -> "'" + r.listingName() + "' (" + r.stars() + " star" + (r.stars() == 1 ? "" : "s") + ", since "
                        + LocalDate.ofInstant(r.createdAt(), ZoneOffset.UTC) + ")")
                .collect(Collectors.joining(", "));
        return new Finding(checked, List.of(new Warning(critical ? Severity.CRITICAL : Severity.WARNING, "Marketplace reviews",
                waiting.size() + " review(s) on " + apps + " app(s) have waited longer than " + days + " days for a reply: " + examples
                        + (waiting.size() > EXAMPLES ? " and " + (waiting.size() - EXAMPLES) + " more." : "."),
                "Ask the partners to reply from their listing's reviews, low ratings first; an unanswered complaint tells every "
                        + "future customer nobody is listening.")));
    }
}
