package dev.flywheel.marketplace;

import dev.flywheel.platform.text.EditDistance;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * How alike two app names are, for catching typosquatting and copycats. Names are compared
 * after folding case, accents, punctuation and look-alike characters (0→o, 1→l, rn→m, vv→w), by
 * optimal-string-alignment edit distance (a swap of two neighbours counts as one edit): one edit
 * for names of five letters or more, two for nine or more, as long as the first letter is kept.
 */
final class NameSimilarity {

    enum Verdict {
        /** Nothing alike. */
        DISTINCT,
        /** The other name plus generic words ("Acme Sync Pro"): a reviewer should look. */
        DERIVED,
        /** The same name or one or two edits away: refused. */
        CONFUSABLE
    }

    private static final Set<String> GENERIC = Set.of("app", "apps", "pro", "plus", "sync", "integration", "integrations", "connector",
            "connect", "for", "by", "the", "official", "hq", "cloud", "online", "tool", "tools", "lite", "premium", "free", "new");

    private NameSimilarity() {
    }

    static Verdict compare(String candidate, String existing) {
        String a = skeleton(candidate);
        String b = skeleton(existing);
        if (a.isEmpty() || b.isEmpty()) {
            return Verdict.DISTINCT;
        }
        if (a.equals(b)) {
            return Verdict.CONFUSABLE;
        }
        // Typos keep the first letter; distinct brands often differ exactly there (Notion, Motion).
        // Short names are left alone: too many real names are one letter apart (Jira, Jura).
        int shorter = Math.min(a.length(), b.length());
        int distance = EditDistance.between(a, b);
        boolean sameStart = a.charAt(0) == b.charAt(0);
        if (sameStart && ((shorter >= 5 && distance <= 1) || (shorter >= 9 && distance <= 2))) {
            return Verdict.CONFUSABLE;
        }
        String words = withoutGenericWords(candidate);
        if (!words.isEmpty() && skeleton(words).equals(b) && !normalizeWords(candidate).equals(normalizeWords(existing))) {
            return Verdict.DERIVED;
        }
        return Verdict.DISTINCT;
    }

    /** Letters and digits only, lower case, accents removed, look-alikes folded. */
    static String skeleton(String name) {
        if (name == null) {
            return "";
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        s = s.replaceAll("[^a-z0-9]", "");
        return s.replace("rn", "m").replace("vv", "w").replace('0', 'o').replace('1', 'l').replace('i', 'l')
                .replace('3', 'e').replace('5', 's').replace('$', 's');
    }

    /** Lower-cased words, for exact-name comparison in search ("acme crm" equals "Acme CRM"). */
    static String normalizeWords(String name) {
        if (name == null) {
            return "";
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return String.join(" ", s.replaceAll("[^a-z0-9]+", " ").trim().split(" "));
    }

    private static String withoutGenericWords(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : normalizeWords(name).split(" ")) {
            if (!GENERIC.contains(word)) {
                out.append(word).append(' ');
            }
        }
        return out.toString().trim();
    }
}
