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
import org.apache.lucene.search.FuzzyQuery;
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
            searchers = new SearcherManager(writer, null);
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
    public Result search(String text, Filters filters) {
        Query query = textQuery(text);
        Map<String, Float> matches = collect(query);
        boolean browsing = query instanceof MatchAllDocsQuery;
        float best = 0;
        for (float s : matches.values()) {
            best = Math.max(best, s);
        }
        List<Hit> hits = new ArrayList<>();
        Map<String, Map<String, Integer>> facets = new LinkedHashMap<>();
        facets.put("category", new TreeMap<>());
        facets.put("pricing", new TreeMap<>());
        facets.put("certification", new TreeMap<>());
        for (Map.Entry<String, Float> m : matches.entrySet()) {
            ListingSearch.Document d = documents.get(m.getKey());
            if (d == null) {
                continue;
            }
            boolean category = filters.category() == null || d.categories().contains(filters.category());
            boolean pricing = filters.pricing() == null || filters.pricing().equals(d.pricing());
            boolean tier = filters.tier() == null || filters.tier().equals(d.tier());
            if (pricing && tier) {
                d.categories().forEach(c -> facets.get("category").merge(c, 1, Integer::sum));
            }
            if (category && tier) {
                facets.get("pricing").merge(d.pricing(), 1, Integer::sum);
            }
            if (category && pricing) {
                facets.get("certification").merge(d.tier(), 1, Integer::sum);
            }
            if (category && pricing && tier) {
                hits.add(new Hit(d.id(), browsing || best <= 0 ? 0 : m.getValue() / best));
            }
        }
        return new Result(hits, facets);
    }

    private Map<String, Float> collect(Query query) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Map<String, Float> out = new HashMap<>();
                searcher.search(query, new SimpleCollector() {
                    private SortedDocValues ids;
                    private Scorable scorer;

                    @Override
                    protected void doSetNextReader(LeafReaderContext context) throws IOException {
                        ids = DocValues.getSorted(context.reader(), "id");
                    }

                    @Override
                    public void setScorer(Scorable scorer) {
                        this.scorer = scorer;
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        if (ids.advanceExact(doc)) {
                            out.put(ids.lookupOrd(ids.ordValue()).utf8ToString(), scorer.score());
                        }
                    }

                    @Override
                    public ScoreMode scoreMode() {
                        return ScoreMode.COMPLETE;
                    }
                });
                return out;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
                    anyField.add(new BoostQuery(new FuzzyQuery(term, edits, 1, 50, true), field.getValue() * FUZZY_WEIGHT),
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
        doc.add(new SortedDocValuesField("id", new org.apache.lucene.util.BytesRef(d.id())));
        doc.add(new TextField("name", nullToEmpty(d.name()), Field.Store.NO));
        doc.add(new TextField("tagline", nullToEmpty(d.tagline()), Field.Store.NO));
        doc.add(new TextField("keywords", String.join(" ", d.keywords()), Field.Store.NO));
        doc.add(new TextField("description", nullToEmpty(d.description()), Field.Store.NO));
        return doc;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
