package dev.flywheel.marketplace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.util.BytesRef;

/**
 * The embedded {@link ListingSearch}: a Lucene index in memory. Field boosts follow what a
 * person means by a match: name (×8) over tagline (×4) over keywords (×2) over description (×1);
 * every query word may also match with one typo (two for words of eight letters or more) at
 * reduced weight, and the last word as a prefix, so results appear while typing.
 */
final class LuceneListingSearch implements ListingSearch {

    private static final Map<String, Float> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("name", 8f);
        FIELDS.put("tagline", 4f);
        FIELDS.put("keywords", 2f);
        FIELDS.put("description", 1f);
    }

    private static final float FUZZY_WEIGHT = 0.4f;
    private static final float PREFIX_WEIGHT = 0.5f;
    private static final int MAX_QUERY_WORDS = 12;

    private final Analyzer analyzer = new StandardAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, ListingSearch.Document> documents = new ConcurrentHashMap<>();

    LuceneListingSearch() {
        try {
            writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
            writer.commit();
            searchers = new SearcherManager(writer, new IdTables());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void replaceAll(Collection<ListingSearch.Document> all) {
        try {
            writer.deleteAll();
            documents.clear();
            for (ListingSearch.Document d : all) {
                writer.addDocument(toLucene(d));
                documents.put(d.id(), d);
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void upsert(ListingSearch.Document d) {
        try {
            writer.updateDocument(new Term("id", d.id()), toLucene(d));
            documents.put(d.id(), d);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void remove(String listingId) {
        try {
            writer.deleteDocuments(new Term("id", listingId));
            documents.remove(listingId);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int size() {
        return documents.size();
    }

    @Override
    public Matches match(String text, Filters filters) {
        Query query = textQuery(text);
        boolean browsing = query instanceof MatchAllDocsQuery;
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                MatchCollector collector = new MatchCollector(filters, browsing, ((IdTable) searcher).ids);
                searcher.search(query, collector);
                return collector.matches();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Collects every match into parallel arrays (id, raw score) and counts the facets on the way,
     * from per-segment ordinals: no map, no string and no object per hit. A facet's counts leave out
     * that facet's own filter, so each value shows how many results choosing it would give.
     */
    private static final class MatchCollector extends SimpleCollector {

        private final Filters filters;
        private final boolean browsing;
        private final Map<Object, String[]> idTables;
        private final Map<String, Map<String, Integer>> facets = new LinkedHashMap<>();
        private String[] ids = new String[256];
        private float[] scores = new float[256];
        private int size;
        private float best;

        private Scorable scorer;
        private String[] leafIds;
        private SortedSetDocValues categories;
        private SortedDocValues pricing;
        private SortedDocValues tier;
        private long wantedCategory;
        private int wantedPricing;
        private int wantedTier;
        private int[] categoryCounts;
        private long[] categoryOrds = new long[4];
        private int[] pricingCounts;
        private int[] tierCounts;

        MatchCollector(Filters filters, boolean browsing, Map<Object, String[]> idTables) {
            this.filters = filters;
            this.browsing = browsing;
            this.idTables = idTables;
            facets.put("category", new TreeMap<>());
            facets.put("pricing", new TreeMap<>());
            facets.put("certification", new TreeMap<>());
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            flushCounts();
            leafIds = idTables.get(context.reader().getCoreCacheHelper().getKey());
            categories = DocValues.getSortedSet(context.reader(), "category");
            pricing = DocValues.getSorted(context.reader(), "pricing");
            tier = DocValues.getSorted(context.reader(), "tier");
            // A filter value this segment does not know matches nothing here (ordinal -2, never a document's).
            wantedCategory = filters.category() == null ? -1 : known(categories.lookupTerm(new BytesRef(filters.category())));
            wantedPricing = filters.pricing() == null ? -1 : (int) known(pricing.lookupTerm(new BytesRef(filters.pricing())));
            wantedTier = filters.tier() == null ? -1 : (int) known(tier.lookupTerm(new BytesRef(filters.tier())));
            categoryCounts = new int[(int) categories.getValueCount()];
            pricingCounts = new int[pricing.getValueCount()];
            tierCounts = new int[tier.getValueCount()];
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public void collect(int doc) throws IOException {
            String id = leafIds[doc];
            if (id == null) {
                return;
            }
            int categoryCount = 0;
            if (categories.advanceExact(doc)) {
                categoryCount = categories.docValueCount();
                if (categoryCount > categoryOrds.length) {
                    categoryOrds = new long[categoryCount];
                }
                for (int i = 0; i < categoryCount; i++) {
                    categoryOrds[i] = categories.nextOrd();
                }
            }
            int pricingOrd = pricing.advanceExact(doc) ? pricing.ordValue() : -3;
            int tierOrd = tier.advanceExact(doc) ? tier.ordValue() : -3;
            boolean category = wantedCategory == -1;
            for (int i = 0; i < categoryCount && !category; i++) {
                category = categoryOrds[i] == wantedCategory;
            }
            boolean price = wantedPricing == -1 || pricingOrd == wantedPricing;
            boolean certification = wantedTier == -1 || tierOrd == wantedTier;
            if (price && certification) {
                for (int i = 0; i < categoryCount; i++) {
                    categoryCounts[(int) categoryOrds[i]]++;
                }
            }
            if (category && certification && pricingOrd >= 0) {
                pricingCounts[pricingOrd]++;
            }
            if (category && price && tierOrd >= 0) {
                tierCounts[tierOrd]++;
            }
            // Relevance is relative to the best match of the text, filtered out or not.
            float score = browsing ? 0 : scorer.score();
            best = Math.max(best, score);
            if (category && price && certification) {
                if (size == ids.length) {
                    ids = java.util.Arrays.copyOf(ids, size * 2);
                    scores = java.util.Arrays.copyOf(scores, size * 2);
                }
                ids[size] = id;
                scores[size++] = score;
            }
        }

        /** A filter value this segment does not have matches none of its documents: -2 is nobody's ordinal. */
        private static long known(long ordinal) {
            return ordinal < 0 ? -2 : ordinal;
        }

        private void flushCounts() throws IOException {
            if (categoryCounts == null) {
                return;
            }
            for (int ord = 0; ord < categoryCounts.length; ord++) {
                if (categoryCounts[ord] > 0) {
                    facets.get("category").merge(categories.lookupOrd(ord).utf8ToString(), categoryCounts[ord], Integer::sum);
                }
            }
            for (int ord = 0; ord < pricingCounts.length; ord++) {
                if (pricingCounts[ord] > 0) {
                    facets.get("pricing").merge(pricing.lookupOrd(ord).utf8ToString(), pricingCounts[ord], Integer::sum);
                }
            }
            for (int ord = 0; ord < tierCounts.length; ord++) {
                if (tierCounts[ord] > 0) {
                    facets.get("certification").merge(tier.lookupOrd(ord).utf8ToString(), tierCounts[ord], Integer::sum);
                }
            }
        }

        Matches matches() throws IOException {
            flushCounts();
            categoryCounts = null;
            return new Matches(ids, scores, size, browsing, best, facets);
        }

        @Override
        public ScoreMode scoreMode() {
            return browsing ? ScoreMode.COMPLETE_NO_SCORES : ScoreMode.COMPLETE;
        }
    }

    /** The plain Lucene top-{@code n} for a text, without facets or ranking: the reference the benchmark compares with. */
    org.apache.lucene.search.TopDocs top(String text, int n) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.search(textQuery(text), n);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Lucene query for what a person typed; match-all for blank text. */
    Query textQuery(String text) {
        List<String> words = analyze(text);
        if (words.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        if (words.size() > MAX_QUERY_WORDS) {
            words = words.subList(0, MAX_QUERY_WORDS);
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean last = i == words.size() - 1;
            BooleanQuery.Builder anyField = new BooleanQuery.Builder();
            for (Map.Entry<String, Float> field : FIELDS.entrySet()) {
                Term term = new Term(field.getKey(), word);
                anyField.add(new BoostQuery(new TermQuery(term), field.getValue()), BooleanClause.Occur.SHOULD);
                if (word.length() >= 4) {
                    int edits = word.length() >= 8 ? 2 : 1;
                    anyField.add(new BoostQuery(new TypoQuery(term, edits, 1, 50), field.getValue() * FUZZY_WEIGHT),
                            BooleanClause.Occur.SHOULD);
                }
                if (last && word.length() >= 2) {
                    anyField.add(new BoostQuery(new PrefixQuery(term), field.getValue() * PREFIX_WEIGHT), BooleanClause.Occur.SHOULD);
                }
            }
            all.add(anyField.build(), BooleanClause.Occur.SHOULD);
        }
        // Every word must match somewhere (one may be missing from queries of four words or more).
        all.setMinimumNumberShouldMatch(words.size() >= 4 ? words.size() - 1 : words.size());
        if (words.size() > 1) {
            all.add(new BoostQuery(new PhraseQuery(1, "name", words.toArray(String[]::new)), 8f), BooleanClause.Occur.SHOULD);
        }
        return all.build();
    }

    private List<String> analyze(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try (TokenStream stream = analyzer.tokenStream("name", text.length() > 500 ? text.substring(0, 500) : text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static org.apache.lucene.document.Document toLucene(ListingSearch.Document d) {
        org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
        doc.add(new StringField("id", d.id(), Field.Store.NO));
        doc.add(new SortedDocValuesField("id", new BytesRef(d.id())));
        for (String category : new java.util.TreeSet<>(d.categories())) {
            doc.add(new SortedSetDocValuesField("category", new BytesRef(category)));
        }
        if (d.pricing() != null) {
            doc.add(new SortedDocValuesField("pricing", new BytesRef(d.pricing())));
        }
        if (d.tier() != null) {
            doc.add(new SortedDocValuesField("tier", new BytesRef(d.tier())));
        }
        doc.add(new TextField("name", nullToEmpty(d.name()), Field.Store.NO));
        doc.add(new TextField("tagline", nullToEmpty(d.tagline()), Field.Store.NO));
        doc.add(new TextField("keywords", String.join(" ", d.keywords()), Field.Store.NO));
        doc.add(new TextField("description", nullToEmpty(d.description()), Field.Store.NO));
        return doc;
    }

    /**
     * A searcher with, per segment, the listing id of every document as a {@code String}: reading
     * ids from doc values would decode and allocate one per hit. Built when the index is refreshed
     * (segments are immutable, so the table of a segment that did not change is reused) and tied
     * to its searcher, so a search always sees ids of the same index state it matches against.
     */
    static final class IdTable extends IndexSearcher {

        final Map<Object, String[]> ids;

        IdTable(IndexReader reader, Map<Object, String[]> ids) {
            super(reader);
            this.ids = ids;
        }
    }

    /** Builds {@link IdTable}s; refreshes run one at a time (the manager's lock), so {@code last} needs no more care. */
    private static final class IdTables extends SearcherFactory {

        private Map<Object, String[]> last = Map.of();

        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
            Map<Object, String[]> tables = new HashMap<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                Object key = leaf.reader().getCoreCacheHelper().getKey();
                String[] table = last.get(key);
                if (table == null) {
                    table = new String[leaf.reader().maxDoc()];
                    SortedDocValues values = DocValues.getSorted(leaf.reader(), "id");
                    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                        // Interned, as the storefront's per-listing map keys are: a lookup then matches by reference.
                        table[doc] = values.lookupOrd(values.ordValue()).utf8ToString().intern();
                    }
                }
                tables.put(key, table);
            }
            last = tables;
            return new IdTable(reader, tables);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
