package dev.flywheel.marketplace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The marketplace's published ranking formula. One pure function of plain values, so a partner
 * can see exactly why an app is where it is (the ranking API returns every term).
 *
 * <pre>
 * score = 0.30 · relevance        text relevance to the query, 0–1 (best match = 1); 0 when browsing
 *       + 0.15 · velocity         v / (v + 20), v = Σ 2^(−age / half-life) over installs (recent installs weigh more)
 *       + 0.15 · rating           (bayes − 1) / 4, bayes = (C·m + Σ stars) / (C + n)   (Bayesian average)
 *       + 0.05 · volume           ln(1 + n) / ln(1 + 1000), at most 1
 *       + 0.05 · replies          developer replies / reviews; 0.5 before the first review
 *       + 0.10 · completeness     listing completeness, 0–1
 *       + 0.10 · certification    listed 0, verified 0.5, certified 1
 *       + 0.10 · retention        (kept 30 days + 0.8·5) / (installs at least 30 days old + 5); uninstalls count against
 * </pre>
 *
 * Ordering rules on top of the score, see {@link #order}: a listing whose name is exactly the
 * query comes first (oldest first if several), so a copycat never outranks the original for its
 * own name; and a capped number of new listings are lifted into fixed "new and noteworthy" slots.
 */
final class RankingFormula {

    static final double W_RELEVANCE = 0.30;
    static final double W_VELOCITY = 0.15;
    static final double W_RATING = 0.15;
    static final double W_VOLUME = 0.05;
    static final double W_REPLIES = 0.05;
    static final double W_COMPLETENESS = 0.10;
    static final double W_CERTIFICATION = 0.10;
    static final double W_RETENTION = 0.10;

    /** Decayed installs at which velocity gives half its credit. */
    static final double VELOCITY_HALF_CREDIT = 20;
    static final double RETENTION_PRIOR = 0.8;
    static final double RETENTION_PRIOR_WEIGHT = 5;
    /** Positions (0-based) of the "new and noteworthy" slots on the first page. */
    static final int[] NOTEWORTHY_POSITIONS = {2, 6};

    /**
     * Everything the score of one listing depends on.
     *
     * @param relevance 0–1, relative to the best match of the query; 0 when browsing
     * @param decayedInstalls installs weighted by age, see {@link #decay}
     * @param reviewCount visible reviews
     * @param starSum sum of their stars
     * @param replies reviews with a developer reply
     * @param retentionEligible installs made at least 30 days ago
     * @param retained of those, still installed 30 days after installing
     */
    record Signals(double relevance, double decayedInstalls, long reviewCount, long starSum, long replies, double completeness,
            CertificationTier tier, long retentionEligible, long retained) {

        Signals withRelevance(double value) {
            return new Signals(value, decayedInstalls, reviewCount, starSum, replies, completeness, tier, retentionEligible, retained);
        }
    }

    /** The marketplace-wide values the rating term is relative to. */
    record Prior(double meanRating, double weight) {
    }

    record Term(String name, double weight, double value, double contribution, String explanation) {
    }

    record Score(double total, List<Term> terms) {

        Term term(String name) {
            return terms.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        }
    }

    private RankingFormula() {
    }

    static Score score(Signals s, Prior prior) {
        List<Term> terms = new ArrayList<>(8);
        terms.add(term("relevance", W_RELEVANCE, clamp(s.relevance()), "text relevance to the query (best match = 1)"));
        double v = Math.max(0, s.decayedInstalls());
        terms.add(term("install_velocity", W_VELOCITY, v / (v + VELOCITY_HALF_CREDIT),
                String.format(java.util.Locale.ROOT, "%.1f recent installs (decayed) / (that + %.0f)", v, VELOCITY_HALF_CREDIT)));
        double bayes = bayesianRating(s.reviewCount(), s.starSum(), prior);
        terms.add(term("rating", W_RATING, (bayes - 1) / 4,
                String.format(java.util.Locale.ROOT, "Bayesian average %.2f of %d review(s) with %.0f prior reviews at %.2f", bayes,
                        s.reviewCount(), prior.weight(), prior.meanRating())));
        terms.add(term("review_volume", W_VOLUME, Math.min(1, Math.log1p(s.reviewCount()) / Math.log1p(1000)),
                s.reviewCount() + " review(s), logarithmic, full credit at 1000"));
        double replyRate = s.reviewCount() == 0 ? 0.5 : (double) Math.min(s.replies(), s.reviewCount()) / s.reviewCount();
        terms.add(term("reply_rate", W_REPLIES, replyRate, s.reviewCount() == 0 ? "no reviews yet: neutral 0.5"
                : s.replies() + " of " + s.reviewCount() + " review(s) answered by the developer"));
        terms.add(term("completeness", W_COMPLETENESS, clamp(s.completeness()), "listing completeness checklist"));
        terms.add(term("certification", W_CERTIFICATION, tierValue(s.tier()), "tier " + s.tier().wire()));
        double retention = (s.retained() + RETENTION_PRIOR * RETENTION_PRIOR_WEIGHT) / (s.retentionEligible() + RETENTION_PRIOR_WEIGHT);
        terms.add(term("retention_30d", W_RETENTION, clamp(retention), s.retained() + " of " + s.retentionEligible()
                + " install(s) kept 30 days, with a prior of 80% over 5 installs"));
        double total = terms.stream().mapToDouble(Term::contribution).sum();
        return new Score(total, List.copyOf(terms));
    }

    /**
     * The same total as {@link #score} without building the explanation of every term: what the
     * storefront uses to order thousands of hits, {@link #score} being for showing one breakdown.
     */
    static double total(Signals s, Prior prior) {
        return relevanceTerm(s.relevance()) + standing(s, prior);
    }

    /** The relevance term alone: {@code total = relevanceTerm(relevance) + standing}, exactly. */
    static double relevanceTerm(double relevance) {
        return W_RELEVANCE * clamp(relevance);
    }

    /**
     * Every term but relevance: what a listing brings to any query. The storefront keeps it per
     * listing and adds each query's relevance term, instead of evaluating the formula per match.
     */
    static double standing(Signals s, Prior prior) {
        double v = Math.max(0, s.decayedInstalls());
        double bayes = bayesianRating(s.reviewCount(), s.starSum(), prior);
        double replyRate = s.reviewCount() == 0 ? 0.5 : (double) Math.min(s.replies(), s.reviewCount()) / s.reviewCount();
        double retention = (s.retained() + RETENTION_PRIOR * RETENTION_PRIOR_WEIGHT) / (s.retentionEligible() + RETENTION_PRIOR_WEIGHT);
        return W_VELOCITY * (v / (v + VELOCITY_HALF_CREDIT))
                + W_RATING * ((bayes - 1) / 4)
                + W_VOLUME * Math.min(1, Math.log1p(s.reviewCount()) / Math.log1p(1000))
                + W_REPLIES * replyRate
                + W_COMPLETENESS * clamp(s.completeness())
                + W_CERTIFICATION * tierValue(s.tier())
                + W_RETENTION * clamp(retention);
    }

    /** (C·m + Σ stars) / (C + n): few reviews stay near the marketplace mean, many reviews speak for themselves. */
    static double bayesianRating(long reviewCount, long starSum, Prior prior) {
        return (prior.weight() * prior.meanRating() + starSum) / (prior.weight() + reviewCount);
    }

    /** The weight of one install {@code age} old: halves every half-life. */
    static double decay(Duration age, Duration halfLife) {
        double ageDays = Math.max(0, age.toMillis()) / 86_400_000d;
        return Math.pow(2, -ageDays / (halfLife.toMillis() / 86_400_000d));
    }

    static double tierValue(CertificationTier tier) {
        return switch (tier) {
            case LISTED -> 0;
            case VERIFIED -> 0.5;
            case CERTIFIED -> 1;
        };
    }

    /** A listing to be ordered: its score's total, its name and when it was first published. */
    record Candidate(String id, String name, Instant publishedAt, double total) {
    }

    /** A listing's place in the order; {@code noteworthy} when it holds a "new and noteworthy" slot. */
    record Placed(Candidate candidate, boolean exactName, boolean noteworthy) {
    }

    /**
     * The final order. 1) By score, ties by earlier publication, then id. 2) Listings named exactly
     * the query go first, oldest first. 3) Up to {@code slots} listings first published within
     * {@code newFor} before {@code now} that did not make the first page on their score are moved
     * into the fixed noteworthy positions (best score first).
     */
    static List<Placed> order(List<Candidate> candidates, String query, Instant now, Duration newFor, int slots) {
        Comparator<Candidate> byScore = Comparator.comparingDouble(Candidate::total).reversed()
                .thenComparing(Candidate::publishedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Candidate::id);
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(byScore);
        String wanted = query == null ? "" : NameSimilarity.normalizeWords(query);
        List<Placed> exact = new ArrayList<>();
        List<Candidate> rest = new ArrayList<>();
        for (Candidate c : sorted) {
            if (!wanted.isEmpty() && NameSimilarity.normalizeWords(c.name()).equals(wanted)) {
                exact.add(new Placed(c, true, false));
            } else {
                rest.add(c);
            }
        }
        exact.sort(Comparator.comparing((Placed p) -> p.candidate().publishedAt(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(p -> p.candidate().id()));
        List<Placed> out = new ArrayList<>(exact);
        rest.forEach(c -> out.add(new Placed(c, false, false)));
        int page = NOTEWORTHY_POSITIONS[NOTEWORTHY_POSITIONS.length - 1] + 1;
        int lifted = 0;
        for (int position : NOTEWORTHY_POSITIONS) {
            if (lifted >= slots || position >= out.size() || position < exact.size()) {
                continue;
            }
            int pick = -1;
            for (int i = page; i < out.size(); i++) {
                Placed p = out.get(i);
                if (!p.noteworthy() && isNew(p.candidate(), now, newFor)) {
                    pick = i;
                    break;
                }
            }
            if (pick < 0) {
                break;
            }
            Placed moved = out.remove(pick);
            out.add(position, new Placed(moved.candidate(), false, true));
            lifted++;
        }
        return out;
    }

    static boolean isNew(Candidate c, Instant now, Duration newFor) {
        return c.publishedAt() != null && !c.publishedAt().isBefore(now.minus(newFor));
    }

    private static Term term(String name, double weight, double value, String explanation) {
        return new Term(name, weight, value, weight * value, explanation);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
