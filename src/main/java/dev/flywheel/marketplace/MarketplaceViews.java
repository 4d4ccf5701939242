package dev.flywheel.marketplace;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/** What the marketplace API answers with. */
final class MarketplaceViews {

    private MarketplaceViews() {
    }

    record ListingSummary(String id, String object, String slug, String name, String tagline, List<String> categories, BigDecimal rating,
            long reviewCount, long installCount, String certificationTier, String pricing, boolean noteworthy) {
    }

    record PlanView(String name, String kind, long amount, String currency) {
    }

    record ListingDetail(String id, String object, String slug, String name, String tagline, String job, String howItWorks, String setup,
            List<String> categories, List<String> keywords, List<String> screenshots, String demoVideoUrl, List<PlanView> pricing,
            String websiteUrl, String supportUrl, String privacyUrl, String termsUrl, List<String> requiredScopes,
            List<ListingInput.FeatureInput> features, List<String> eventTypes, List<String> apiVersions, int version,
            BigDecimal rating, long reviewCount, long installCount, String certificationTier, Instant publishedAt) {
    }

    record TermView(String name, BigDecimal weight, BigDecimal value, BigDecimal contribution, String explanation) {
    }

    record RankingView(String listingId, String object, String slug, String query, Integer position, int of, BigDecimal score,
            List<TermView> terms, boolean exactNameMatch, boolean noteworthySlot, String formula) {
    }

    record CheckView(String check, String outcome, List<String> findings) {
    }

    record HistoryView(String from, String to, String actor, String note, Instant at) {
    }

    record ReviewView(int version, String state, Integer queuePosition, Instant submittedAt, Instant slaDueAt, Long slaRemainingSeconds,
            boolean overdue, List<String> reasons, String appeal, List<CheckView> checks, List<HistoryView> history) {
    }

    record CompletenessView(int percent, List<String> missing) {
    }

    record ManagedListing(String id, String object, String slug, String partnerId, String appId, String state, boolean live, Instant suspendedAt,
            String suspensionReason, String certificationTier, ListingInput content, CompletenessView completeness, ReviewView review) {
    }

    static ListingSummary summary(Storefront.Ranked r) {
        StorefrontIndex.Entry e = r.entry();
        ListingContent c = e.content();
        return new ListingSummary(e.id(), "listing", e.listing().slug(), c.name(), c.tagline(), c.categories(), round(r.rating(), 2),
                r.reviewCount(), r.installCount(), e.listing().tier().wire(), e.pricingModel(), r.noteworthy());
    }

    static ListingDetail detail(Storefront.Ranked r) {
        StorefrontIndex.Entry e = r.entry();
        ListingContent c = e.content();
        return new ListingDetail(e.id(), "listing", e.listing().slug(), c.name(), c.tagline(), c.job(), c.howItWorks(), c.setup(),
                c.categories(), c.keywords(), c.screenshots(), c.demoVideoUrl(),
                c.pricing().stream().map(p -> new PlanView(p.name(), p.kind().wire(), p.price().amount(), p.price().currency())).toList(),
                c.websiteUrl(), c.supportUrl(), c.privacyUrl(), c.termsUrl(), c.requiredScopes(),
                c.features().stream().map(f -> new ListingInput.FeatureInput(f.name(), f.scopes())).toList(), c.eventTypes(),
                c.apiVersions(), e.version().number(), round(r.rating(), 2), r.reviewCount(), r.installCount(), e.listing().tier().wire(),
                e.listing().firstPublishedAt());
    }

    static RankingView ranking(Storefront.Ranking ranking) {
        Storefront.Ranked r = ranking.ranked();
        RankingFormula.Score score = r.score();
        List<TermView> terms = score.terms().stream()
                .map(t -> new TermView(t.name(), round(t.weight(), 2), round(t.value(), 4), round(t.contribution(), 4), t.explanation()))
                .toList();
        return new RankingView(r.entry().id(), "listing_ranking", r.entry().listing().slug(), ranking.query(),
                ranking.position() == 0 ? null : ranking.position(), ranking.of(), round(score.total(), 4), terms, r.exactName(),
                r.noteworthy(), "score = Σ weight × value over the terms; exact-name matches first; new listings may hold a noteworthy slot");
    }

    static ManagedListing managed(Listings.ReviewStatus s) {
        ListingVersion v = s.version();
        ReviewView review = new ReviewView(v.number(), v.state().wire(), s.queuePosition(), v.submittedAt(), s.slaDueAt(),
                s.slaRemaining() == null ? null : s.slaRemaining().toSeconds(), s.overdue(), v.reasons(), v.appeal(),
                s.checks().stream().map(c -> new CheckView(c.check(), c.outcome().wire(), c.findings())).toList(),
                s.history().stream().map(h -> new HistoryView(h.from() == null ? null : h.from().wire(), h.to().wire(), h.actor(), h.note(), h.at()))
                        .toList());
        Listing l = s.listing();
        return new ManagedListing(l.id(), "managed_listing", l.slug(), l.partnerId(), l.appId(), v.state().wire(), l.live(), l.suspendedAt(),
                l.suspensionReason(), l.tier().wire(), ListingInput.of(v.content()),
                new CompletenessView(s.completeness().percent(), s.completeness().missing().stream().map(Completeness.Item::label).toList()),
                review);
    }

    static BigDecimal round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_EVEN);
    }
}
