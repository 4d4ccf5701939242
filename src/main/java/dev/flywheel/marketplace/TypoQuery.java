package dev.flywheel.marketplace;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.index.FilteredTermsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BoostAttribute;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.UnicodeUtil;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * A {@link FuzzyQuery} whose Levenshtein automata are built once per word and kept, instead of
 * once per query and field. Building them was most of the cost of a storefront search: every
 * word of a query is looked up with typos in four fields, and a stock {@code FuzzyQuery} builds
 * the same automata again for each field and each search.
 *
 * <p>It matches the same terms with the same boosts as {@code FuzzyQuery} (edit distance found
 * with the automata of fewer edits; boost {@code 1 − edits / min(term length, word length)}) and
 * keeps its rewrite (the top 50 terms, blended document frequencies), so scores are identical.
 * The one thing it leaves out is the stock enum's shortcut of dropping to fewer edits once the
 * 50 best terms are found, which only skips terms that would not have been kept.
 */
final class TypoQuery extends FuzzyQuery {

    /** Automata by word and edit distance; the set of words people type is small, and each entry is a few KB. */
    private static final int CACHED_WORDS = 4096;
    private static final Map<String, CompiledAutomaton[]> AUTOMATA = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledAutomaton[]> eldest) {
            return size() > CACHED_WORDS;
        }
    };

    TypoQuery(Term term, int maxEdits, int prefixLength, int maxExpansions) {
        super(term, maxEdits, prefixLength, maxExpansions, true);
    }

    @Override
    protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
        String text = getTerm().text();
        if (getMaxEdits() == 0 || getPrefixLength() >= text.length()) {
            return super.getTermsEnum(terms, atts);
        }
        CompiledAutomaton[] automata = automata(text, getMaxEdits(), getPrefixLength());
        return new Enum(terms.intersect(automata[automata.length - 1], null), atts, getTerm().bytes(), automata,
                text.codePointCount(0, text.length()));
    }

    /** [edits] = the automaton of words within that many edits ([0] unused: exact is compared directly). */
    static CompiledAutomaton[] automata(String text, int maxEdits, int prefixLength) {
        String key = maxEdits + ":" + prefixLength + ":" + text;
        synchronized (AUTOMATA) {
            CompiledAutomaton[] cached = AUTOMATA.get(key);
            if (cached != null) {
                return cached;
            }
        }
        CompiledAutomaton[] built = new CompiledAutomaton[maxEdits + 1];
        for (int edits = 1; edits <= maxEdits; edits++) {
            built[edits] = FuzzyQuery.getFuzzyAutomaton(text, edits, prefixLength, true);
        }
        synchronized (AUTOMATA) {
            AUTOMATA.put(key, built);
        }
        return built;
    }

    /** Forgets every cached automaton (the benchmark measures first-sight queries with it). */
    static void clearCache() {
        synchronized (AUTOMATA) {
            AUTOMATA.clear();
        }
    }

    /** The terms the widest automaton accepts, each with {@code FuzzyQuery}'s boost for its edit distance. */
    private static final class Enum extends FilteredTermsEnum {

        private final AttributeSource atts;
        private final BoostAttribute boost;
        private final BytesRef word;
        private final CompiledAutomaton[] automata;
        private final int wordLength;

        Enum(TermsEnum intersected, AttributeSource atts, BytesRef word, CompiledAutomaton[] automata, int wordLength) {
            super(intersected, false);
            this.atts = atts;
            this.boost = atts.addAttribute(BoostAttribute.class);
            this.word = word;
            this.automata = automata;
            this.wordLength = wordLength;
        }

        @Override
        protected AcceptStatus accept(BytesRef term) {
            int edits = automata.length - 1;
            while (edits > 0 && (edits - 1 == 0 ? term.equals(word) : automata[edits - 1].runAutomaton.run(term.bytes, term.offset, term.length))) {
                edits--;
            }
            boost.setBoost(edits == 0 ? 1f : 1f - (float) edits / (float) Math.min(UnicodeUtil.codePointCount(term), wordLength));
            return AcceptStatus.YES;
        }

        @Override
        public AttributeSource attributes() {
            // The rewrite reads each term's boost from here: the same attributes it handed in.
            return atts;
        }
    }
}
