package dev.flywheel.marketplace;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Full-text search over published listings. The embedded implementation is Lucene in-process
 * ({@link LuceneListingSearch}); a search engine (OpenSearch) would be a second implementation of
 * this interface. The index holds only published, unsuspended listings and is derived data: it
 * is rebuilt from the database on start and refreshed on publish, unpublish and suspension.
 */
interface ListingSearch {

    /** What the index knows of one listing. */
    record Document(String id, String name, String tagline, List<String> keywords, String description, List<String> categories,
            String pricing, String tier) {
    }

    /** Narrowing by facet values; null means any. */
    record Filters(String category, String pricing, String tier) {

        static Filters none() {
            return new Filters(null, null, null);
        }
    }

    /** One matching listing with its relevance, 0–1 relative to the best match (0 when browsing). */
    record Hit(String id, double relevance) {
    }

    /**
     * The matches (unordered by rank: ranking is the formula's job) and, per facet, how many
     * matches each value has when that facet's own filter is left out.
     */
    record Result(List<Hit> hits, Map<String, Map<String, Integer>> facets) {
    }

    /**
     * The matches of one search, compactly: listing ids and raw text scores in parallel arrays
     * (the first {@code size} entries, in no particular order) so that ranking thousands of
     * matches allocates nothing per match, and the facet counts as in {@link Result}.
     */
    record Matches(String[] ids, float[] scores, int size, boolean browsing, float best, Map<String, Map<String, Integer>> facets) {

        String id(int i) {
            return ids[i];
        }

        /** 0–1 relative to the best match; 0 when browsing. */
        double relevance(int i) {
            return browsing || best <= 0 ? 0 : scores[i] / best;
        }
    }

    void replaceAll(Collection<Document> documents);

    void upsert(Document document);

    void remove(String listingId);

    /** Listings matching {@code text} (all when blank) and the filters. */
    Matches match(String text, Filters filters);

    /** {@link #match} with one {@link Hit} per match, for callers that want a plain list. */
    default Result search(String text, Filters filters) {
        Matches matches = match(text, filters);
        List<Hit> hits = new java.util.ArrayList<>(matches.size());
        for (int i = 0; i < matches.size(); i++) {
            hits.add(new Hit(matches.id(i), matches.relevance(i)));
        }
        return new Result(hits, matches.facets());
    }

    int size();
}
