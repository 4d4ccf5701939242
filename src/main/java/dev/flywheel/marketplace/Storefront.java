package dev.flywheel.marketplace;

import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Searching and ranking the live listings: what the storefront and the listing API show. */
@Service
class Storefront {

    /** A listing in rank order, with everything the storefront shows about it. */
    record Ranked(StorefrontIndex.Entry entry, RankingFormula.Signals signals, RankingFormula.Prior prior, double total, boolean exactName,
            boolean noteworthy, double rating, long reviewCount, long installCount) {

        /** The full breakdown of the score, every term explained. */
        RankingFormula.Score score() {
            return RankingFormula.score(signals, prior);
        }
    }

    record Results(List<Ranked> ranked, Map<String, Map<String, Integer>> facets) {
    }

    /** The ranking of one listing: its place for a query (or when browsing) and every term of its score. */
    record Ranking(Ranked ranked, int position, int of, String query) {
    }

    private final StorefrontIndex index;
    private final MarketplaceProperties properties;

    Storefront(StorefrontIndex index, MarketplaceProperties properties) {
        this.index = index;
        this.properties = properties;
    }

    Results search(String text, ListingSearch.Filters filters) {
        ListingSearch.Result result = index.search().search(text, filters);
        Instant now = index.now();
        RankingFormula.Prior prior = new RankingFormula.Prior(index.meanRating(), properties.ratingPriorWeight());
        List<RankingFormula.Candidate> candidates = new ArrayList<>(result.hits().size());
        Map<String, RankingFormula.Signals> signals = new java.util.HashMap<>();
        for (ListingSearch.Hit hit : result.hits()) {
            Optional<StorefrontIndex.Entry> entry = index.entry(hit.id());
            if (entry.isEmpty()) {
                continue;
            }
            RankingFormula.Signals s = signals(entry.get(), hit.relevance(), now);
            signals.put(hit.id(), s);
            candidates.add(new RankingFormula.Candidate(hit.id(), entry.get().content().name(), entry.get().listing().firstPublishedAt(),
                    RankingFormula.total(s, prior)));
        }
        List<Ranked> ranked = new ArrayList<>(candidates.size());
        for (RankingFormula.Placed placed : RankingFormula.order(candidates, text, now, properties.newListingDays(), properties.noteworthySlots())) {
            StorefrontIndex.Entry entry = index.entry(placed.candidate().id()).orElseThrow();
            SignalsRepository.Raw raw = index.signals(entry.id());
            ranked.add(new Ranked(entry, signals.get(entry.id()), prior, placed.candidate().total(), placed.exactName(), placed.noteworthy(),
                    RankingFormula.bayesianRating(raw.reviewCount(), raw.starSum(), prior), raw.reviewCount(), raw.activeInstalls()));
        }
        return new Results(ranked, result.facets());
    }

    /** One page in rank order; {@code starting_after} is the last listing id of the previous page. */
    CursorPage<Ranked> page(String text, ListingSearch.Filters filters, PageQuery query) {
        List<Ranked> ranked = search(text, filters).ranked();
        int from = 0;
        if (query.startingAfter() != null) {
            int at = -1;
            for (int i = 0; i < ranked.size(); i++) {
                if (ranked.get(i).entry().id().equals(query.startingAfter())) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                throw ApiException.invalid("starting_after", "is not a listing of these results; start again without it");
            }
            from = at + 1;
        }
        List<Ranked> fetched = ranked.subList(from, Math.min(ranked.size(), from + query.fetchSize()));
        return CursorPage.of(fetched, query, r -> r.entry().id());
    }

    Optional<Ranking> ranking(String slug, String text) {
        Optional<StorefrontIndex.Entry> entry = index.bySlug(slug);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        List<Ranked> ranked = search(text, ListingSearch.Filters.none()).ranked();
        for (int i = 0; i < ranked.size(); i++) {
            if (ranked.get(i).entry().id().equals(entry.get().id())) {
                return Optional.of(new Ranking(ranked.get(i), i + 1, ranked.size(), text));
            }
        }
        // Not matched by the query at all: its score without text relevance, and no position.
        return Optional.of(new Ranking(browseScore(entry.get()), 0, ranked.size(), text));
    }

    private Ranked browseScore(StorefrontIndex.Entry entry) {
        RankingFormula.Prior prior = new RankingFormula.Prior(index.meanRating(), properties.ratingPriorWeight());
        SignalsRepository.Raw raw = index.signals(entry.id());
        RankingFormula.Signals s = signals(entry, 0, index.now());
        return new Ranked(entry, s, prior, RankingFormula.total(s, prior), false, false,
                RankingFormula.bayesianRating(raw.reviewCount(), raw.starSum(), prior), raw.reviewCount(), raw.activeInstalls());
    }

    /** One live listing with its browse score (no query), for curated collections. */
    Optional<Ranked> rankedById(String listingId) {
        return index.entry(listingId).map(this::browseScore);
    }

    Optional<StorefrontIndex.Entry> live(String slug) {
        return index.bySlug(slug);
    }

    RankingFormula.Signals signals(StorefrontIndex.Entry entry, double relevance, Instant now) {
        SignalsRepository.Raw raw = index.signals(entry.id());
        return new RankingFormula.Signals(relevance, raw.decayedInstallsAt(now, properties.installHalfLife()), raw.reviewCount(),
                raw.starSum(), raw.replies(), entry.completeness(), entry.listing().tier(), raw.retentionEligible(), raw.retained());
    }
}
