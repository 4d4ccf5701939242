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

    /** The first {@code ranked} listings in rank order, of {@code total} matches, and the facet counts. */
    record Results(List<Ranked> ranked, int total, Map<String, Map<String, Integer>> facets) {
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

    /** The first {@code limit} listings in rank order for a text (all when blank) and filters, with the facet counts. */
    Results search(String text, ListingSearch.Filters filters, int limit) {
        return rank(text, filters, limit, null).results();
    }

    /** One page in rank order; {@code starting_after} is the last listing id of the previous page. */
    CursorPage<Ranked> page(String text, ListingSearch.Filters filters, PageQuery query) {
        Ordered ordered = rank(text, filters, query.fetchSize(), query.startingAfter());
        List<Ranked> ranked = ordered.results().ranked();
        int from = 0;
        if (query.startingAfter() != null) {
            int at = indexOf(ranked, query.startingAfter());
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
        Ordered ordered = rank(text, ListingSearch.Filters.none(), 0, entry.get().id());
        int at = indexOf(ordered.results().ranked(), entry.get().id());
        if (at >= 0) {
            return Optional.of(new Ranking(ordered.results().ranked().get(at), at + 1, ordered.results().total(), text));
        }
        // Not matched by the query at all: its score without text relevance, and no position.
        return Optional.of(new Ranking(browseScore(entry.get().id()).orElseThrow(), 0, ordered.results().total(), text));
    }

    /** One live listing with its browse score (no query), for curated collections. */
    Optional<Ranked> rankedById(String listingId) {
        return browseScore(listingId);
    }

    private Optional<Ranked> browseScore(String listingId) {
        StorefrontIndex.Standings standings = index.standings();
        return index.standing(listingId).map(s -> ranked(s, 0, prior(standings), false, false));
    }

    private record Ordered(Results results) {
    }

    /**
     * The rank order without ranking every match. Each match's total is its listing's standing
     * plus the relevance term; only the listings that can appear in the first {@code limit}
     * places of {@link RankingFormula#order} are handed to it: every exact-name match, the best
     * {@code limit + slots + first page} of the others, and the best new listings that the
     * noteworthy slots could lift (at most first page + slots of them). {@code order} over that
     * subset puts the same listings in the same first {@code limit} places as over all matches.
     * With {@code locate}, {@code limit} grows to reach that listing's place wherever it is.
     */
    private Ordered rank(String text, ListingSearch.Filters filters, int limit, String locate) {
        ListingSearch.Matches matches = index.search().match(text, filters);
        StorefrontIndex.Standings standings = index.standings();
        RankingFormula.Prior prior = prior(standings);
        Instant now = index.now();
        Instant newSince = now.minus(properties.newListingDays());
        String wanted = text == null ? "" : NameSimilarity.normalizeWords(text);
        int n = matches.size();
        StorefrontIndex.Standing[] standing = new StorefrontIndex.Standing[n];
        double[] total = new double[n];
        List<Integer> exact = new ArrayList<>();
        int located = -1;
        for (int i = 0; i < n; i++) {
            StorefrontIndex.Standing s = standings.byId().get(matches.id(i));
            if (s == null) {
                s = index.standing(matches.id(i)).orElse(null);
                if (s == null) {
                    continue;
                }
            }
            standing[i] = s;
            total[i] = RankingFormula.relevanceTerm(matches.relevance(i)) + s.standing();
            if (named(s, wanted)) {
                exact.add(i);
            }
            if (locate != null && located < 0 && locate.equals(s.id())) {
                located = i;
            }
        }
        int page = RankingFormula.NOTEWORTHY_POSITIONS[RankingFormula.NOTEWORTHY_POSITIONS.length - 1] + 1;
        int slots = properties.noteworthySlots();
        int reach = limit;
        if (located >= 0) {
            // Its place is at most: exact matches, the others ahead of it, itself, and the lifted slots.
            int ahead = 0;
            for (int i = 0; i < n; i++) {
                if (standing[i] != null && i != located && before(i, located, total, standing)) {
                    ahead++;
                }
            }
            reach = Math.max(reach, exact.size() + ahead + 1 + slots + limit);
        }
        int keep = reach + slots + page;
        IntHeap best = new IntHeap(keep, total, standing);
        IntHeap fresh = new IntHeap(page + slots, total, standing);
        for (int i = 0; i < n; i++) {
            StorefrontIndex.Standing s = standing[i];
            if (s == null || named(s, wanted)) {
                continue;
            }
            best.offer(i);
            if (s.publishedAt() != null && !s.publishedAt().isBefore(newSince)) {
                fresh.offer(i);
            }
        }
        java.util.Set<Integer> chosen = new java.util.LinkedHashSet<>(exact);
        best.forEach(chosen::add);
        fresh.forEach(chosen::add);
        List<RankingFormula.Candidate> candidates = new ArrayList<>(chosen.size());
        Map<String, Integer> at = new java.util.HashMap<>();
        for (int i : chosen) {
            StorefrontIndex.Standing s = standing[i];
            candidates.add(new RankingFormula.Candidate(s.id(), s.entry().content().name(), s.publishedAt(), total[i]));
            at.put(s.id(), i);
        }
        List<Ranked> ranked = new ArrayList<>(Math.min(reach, candidates.size()));
        for (RankingFormula.Placed placed : RankingFormula.order(candidates, text, now, properties.newListingDays(), slots)) {
            if (ranked.size() >= reach) {
                break;
            }
            int i = at.get(placed.candidate().id());
            ranked.add(ranked(standing[i], matches.relevance(i), prior, placed.exactName(), placed.noteworthy()));
        }
        int matched = 0;
        for (StorefrontIndex.Standing s : standing) {
            matched += s == null ? 0 : 1;
        }
        return new Ordered(new Results(ranked, matched, matches.facets()));
    }

    /** Named exactly what was searched, as {@link RankingFormula#order} compares names. */
    private static boolean named(StorefrontIndex.Standing s, String wanted) {
        return !wanted.isEmpty() && s.normalizedName().length() == wanted.length() && s.normalizedName().equals(wanted);
    }

    /** {@code RankingFormula.order}'s order by score: higher total, then earlier publication (unknown last), then id. */
    static boolean before(int a, int b, double[] total, StorefrontIndex.Standing[] standing) {
        int c = Double.compare(total[b], total[a]);
        if (c != 0) {
            return c < 0;
        }
        Instant pa = standing[a].publishedAt();
        Instant pb = standing[b].publishedAt();
        if (pa == null || pb == null) {
            if (pa != pb) {
                return pa != null;
            }
        } else if (!pa.equals(pb)) {
            return pa.isBefore(pb);
        }
        return standing[a].id().compareTo(standing[b].id()) < 0;
    }

    /** The best {@code capacity} match indexes by {@link #before}: a bounded heap with the worst kept on top. */
    private static final class IntHeap {

        private final int[] heap;
        private final double[] total;
        private final StorefrontIndex.Standing[] standing;
        private int size;

        IntHeap(int capacity, double[] total, StorefrontIndex.Standing[] standing) {
            this.heap = new int[Math.max(0, capacity)];
            this.total = total;
            this.standing = standing;
        }

        void offer(int i) {
            if (size < heap.length) {
                heap[size] = i;
                up(size++);
            } else if (size > 0 && before(i, heap[0], total, standing)) {
                heap[0] = i;
                down(0);
            }
        }

        void forEach(java.util.function.IntConsumer action) {
            for (int k = 0; k < size; k++) {
                action.accept(heap[k]);
            }
        }

        private boolean worse(int a, int b) {
            return before(heap[b], heap[a], total, standing);
        }

        private void up(int k) {
            while (k > 0) {
                int parent = (k - 1) / 2;
                if (!worse(k, parent)) {
                    return;
                }
                swap(k, parent);
                k = parent;
            }
        }

        private void down(int k) {
            while (true) {
                int left = 2 * k + 1;
                int worst = k;
                if (left < size && worse(left, worst)) {
                    worst = left;
                }
                if (left + 1 < size && worse(left + 1, worst)) {
                    worst = left + 1;
                }
                if (worst == k) {
                    return;
                }
                swap(k, worst);
                k = worst;
            }
        }

        private void swap(int a, int b) {
            int t = heap[a];
            heap[a] = heap[b];
            heap[b] = t;
        }
    }

    private RankingFormula.Prior prior(StorefrontIndex.Standings standings) {
        return standings.prior() != null ? standings.prior() : new RankingFormula.Prior(index.meanRating(), properties.ratingPriorWeight());
    }

    private static Ranked ranked(StorefrontIndex.Standing s, double relevance, RankingFormula.Prior prior, boolean exactName,
            boolean noteworthy) {
        SignalsRepository.Raw raw = s.raw();
        return new Ranked(s.entry(), s.signals().withRelevance(relevance), prior, RankingFormula.relevanceTerm(relevance) + s.standing(),
                exactName, noteworthy, RankingFormula.bayesianRating(raw.reviewCount(), raw.starSum(), prior), raw.reviewCount(),
                raw.activeInstalls());
    }

    private static int indexOf(List<Ranked> ranked, String listingId) {
        for (int i = 0; i < ranked.size(); i++) {
            if (ranked.get(i).entry().id().equals(listingId)) {
                return i;
            }
        }
        return -1;
    }

    Optional<StorefrontIndex.Entry> live(String slug) {
        return index.bySlug(slug);
    }
}
