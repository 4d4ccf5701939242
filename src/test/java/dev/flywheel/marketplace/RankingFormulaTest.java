package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingFormulaTest {

    static final RankingFormula.Prior PRIOR = new RankingFormula.Prior(3.5, 5);
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    static RankingFormula.Signals signals(double relevance, double installs, long reviews, long stars, long replies, double completeness,
            CertificationTier tier, long eligible, long retained) {
        return new RankingFormula.Signals(relevance, installs, reviews, stars, replies, completeness, tier, eligible, retained);
    }

    static RankingFormula.Signals plain() {
        return signals(0, 0, 0, 0, 0, 0, CertificationTier.LISTED, 0, 0);
    }

    @Test
    void theWeightsAddUpToOneAndEveryTermIsReported() {
        double sum = RankingFormula.W_RELEVANCE + RankingFormula.W_VELOCITY + RankingFormula.W_RATING + RankingFormula.W_VOLUME
                + RankingFormula.W_REPLIES + RankingFormula.W_COMPLETENESS + RankingFormula.W_CERTIFICATION + RankingFormula.W_RETENTION;
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        RankingFormula.Score score = RankingFormula.score(plain(), PRIOR);
        assertThat(score.terms()).extracting(RankingFormula.Term::name).containsExactly("relevance", "install_velocity", "rating",
                "review_volume", "reply_rate", "completeness", "certification", "retention_30d");
        assertThat(score.total()).isCloseTo(score.terms().stream().mapToDouble(RankingFormula.Term::contribution).sum(), within(1e-12));
    }

    @Test
    void theFastTotalIsExactlyTheExplainedScore() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 10_000; i++) {
            long reviews = random.nextInt(500);
            RankingFormula.Signals s = signals(random.nextDouble(), random.nextDouble() * 200, reviews, reviews * (1 + random.nextInt(5)),
                    random.nextInt((int) reviews + 1), random.nextDouble(), CertificationTier.values()[random.nextInt(3)],
                    random.nextInt(100), random.nextInt(100));
            assertThat(RankingFormula.total(s, PRIOR)).isCloseTo(RankingFormula.score(s, PRIOR).total(), within(1e-12));
        }
    }

    @Test
    void aPerfectListingScoresNearOneAndAnEmptyOneLow() {
        RankingFormula.Score best = RankingFormula.score(signals(1, 1e9, 1_000_000, 5_000_000, 1_000_000, 1, CertificationTier.CERTIFIED,
                1000, 1000), PRIOR);
        assertThat(best.total()).isGreaterThan(0.99).isLessThanOrEqualTo(1.0);
        // Nothing known: only the neutral priors count (rating at the mean, replies 0.5, retention 80%).
        RankingFormula.Score empty = RankingFormula.score(plain(), PRIOR);
        assertThat(empty.total()).isCloseTo(0.15 * 0.625 + 0.05 * 0.5 + 0.10 * 0.8, within(1e-9));
    }

    @Test
    void installsHalveInWeightEveryHalfLife() {
        Duration halfLife = Duration.ofDays(30);
        assertThat(RankingFormula.decay(Duration.ZERO, halfLife)).isEqualTo(1.0);
        assertThat(RankingFormula.decay(Duration.ofDays(30), halfLife)).isCloseTo(0.5, within(1e-12));
        assertThat(RankingFormula.decay(Duration.ofDays(90), halfLife)).isCloseTo(0.125, within(1e-12));
        assertThat(RankingFormula.decay(Duration.ofDays(-5), halfLife)).isEqualTo(1.0);
        // 20 decayed installs give half of the velocity credit.
        assertThat(RankingFormula.score(signals(0, 20, 0, 0, 0, 0, CertificationTier.LISTED, 0, 0), PRIOR).term("install_velocity").value())
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void theBayesianRatingKeepsFewReviewsNearTheMean() {
        assertThat(RankingFormula.bayesianRating(0, 0, PRIOR)).isEqualTo(3.5);
        assertThat(RankingFormula.bayesianRating(1, 5, PRIOR)).isCloseTo(3.75, within(1e-12));
        double many = RankingFormula.bayesianRating(200, 920, PRIOR); // 200 reviews averaging 4.6
        assertThat(many).isGreaterThan(4.5);
        assertThat(many).isGreaterThan(RankingFormula.bayesianRating(1, 5, PRIOR));
        RankingFormula.Score oneStar = RankingFormula.score(signals(0, 0, 10, 10, 0, 0, CertificationTier.LISTED, 0, 0), PRIOR);
        assertThat(oneStar.term("rating").value()).isBetween(0.0, 0.625);
    }

    @Test
    void replyRateVolumeCertificationAndRetention() {
        assertThat(RankingFormula.score(signals(0, 0, 10, 40, 5, 0, CertificationTier.LISTED, 0, 0), PRIOR).term("reply_rate").value())
                .isEqualTo(0.5);
        assertThat(RankingFormula.score(signals(0, 0, 10, 40, 10, 0, CertificationTier.LISTED, 0, 0), PRIOR).term("reply_rate").value())
                .isEqualTo(1.0);
        assertThat(RankingFormula.score(signals(0, 0, 1000, 4000, 0, 0, CertificationTier.LISTED, 0, 0), PRIOR).term("review_volume").value())
                .isCloseTo(1.0, within(1e-12));
        assertThat(RankingFormula.score(signals(0, 0, 0, 0, 0, 0, CertificationTier.VERIFIED, 0, 0), PRIOR).term("certification").value())
                .isEqualTo(0.5);
        // Uninstalls count against: 100 installs of which 20 kept 30 days.
        double churned = RankingFormula.score(signals(0, 0, 0, 0, 0, 0, CertificationTier.LISTED, 100, 20), PRIOR).term("retention_30d").value();
        double kept = RankingFormula.score(signals(0, 0, 0, 0, 0, 0, CertificationTier.LISTED, 100, 95), PRIOR).term("retention_30d").value();
        assertThat(churned).isCloseTo(24.0 / 105, within(1e-12));
        assertThat(kept).isGreaterThan(churned);
    }

    private static RankingFormula.Candidate candidate(String id, String name, double score, Instant published) {
        return new RankingFormula.Candidate(id, name, published, score);
    }

    @Test
    void orderIsByScoreThenEarlierPublication() {
        List<RankingFormula.Placed> order = RankingFormula.order(List.of(candidate("b", "B", 0.5, NOW.minus(Duration.ofDays(400))),
                candidate("a", "A", 0.7, NOW.minus(Duration.ofDays(400))), candidate("c", "C", 0.5, NOW.minus(Duration.ofDays(500)))),
                null, NOW, Duration.ofDays(30), 2);
        assertThat(order).extracting(p -> p.candidate().id()).containsExactly("a", "c", "b");
    }

    @Test
    void theOriginalComesFirstForItsOwnNameWhateverTheCopycatsScore() {
        List<RankingFormula.Placed> order = RankingFormula.order(List.of(
                candidate("copy", "Timeline", 0.9, NOW.minus(Duration.ofDays(100))),
                candidate("pro", "Timeline Pro", 0.95, NOW.minus(Duration.ofDays(100))),
                candidate("orig", "timeline", 0.2, NOW.minus(Duration.ofDays(900)))), "TIMELINE", NOW, Duration.ofDays(30), 2);
        assertThat(order).extracting(p -> p.candidate().id()).containsExactly("orig", "copy", "pro");
        assertThat(order.get(0).exactName()).isTrue();
    }

    @Test
    void newListingsGetACappedNumberOfNoteworthySlots() {
        List<RankingFormula.Candidate> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(candidate("old" + i, "Old " + i, 0.9 - i * 0.01, NOW.minus(Duration.ofDays(365))));
        }
        for (int i = 0; i < 4; i++) {
            all.add(candidate("new" + i, "New " + i, 0.1 - i * 0.01, NOW.minus(Duration.ofDays(3))));
        }
        List<RankingFormula.Placed> order = RankingFormula.order(all, null, NOW, Duration.ofDays(30), 2);
        assertThat(order.get(2).candidate().id()).isEqualTo("new0");
        assertThat(order.get(2).noteworthy()).isTrue();
        assertThat(order.get(6).candidate().id()).isEqualTo("new1");
        assertThat(order.stream().filter(RankingFormula.Placed::noteworthy)).hasSize(2);
        assertThat(order).hasSize(24);
        // With no slots configured nothing is lifted.
        assertThat(RankingFormula.order(all, null, NOW, Duration.ofDays(30), 0).get(2).candidate().id()).isEqualTo("old2");
        // A listing older than the window is not new.
        assertThat(RankingFormula.order(all, null, NOW.plus(Duration.ofDays(60)), Duration.ofDays(30), 2).get(2).noteworthy()).isFalse();
    }
}
