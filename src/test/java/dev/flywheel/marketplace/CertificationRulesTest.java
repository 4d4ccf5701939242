package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertificationRulesTest {

    private static CertificationRules.Inputs inputs(long installs, long reviews, double rating, double completeness, Double webhooks,
            Double errors) {
        return new CertificationRules.Inputs(installs, reviews, rating, completeness, webhooks, errors);
    }

    @Test
    void aNewListingIsListed() {
        CertificationRules.Evaluation e = CertificationRules.evaluate(inputs(0, 0, 3.5, 1.0, null, null));
        assertThat(e.tier()).isEqualTo(CertificationTier.LISTED);
        assertThat(e.criteria()).hasSize(8);
    }

    @Test
    void verifiedNeedsRealUseAGoodRatingAndACompleteListing() {
        assertThat(CertificationRules.evaluate(inputs(25, 5, 3.8, 0.8, null, null)).tier()).isEqualTo(CertificationTier.VERIFIED);
        assertThat(CertificationRules.evaluate(inputs(24, 5, 4.5, 1.0, null, null)).tier()).isEqualTo(CertificationTier.LISTED);
        assertThat(CertificationRules.evaluate(inputs(100, 4, 4.5, 1.0, null, null)).tier()).isEqualTo(CertificationTier.LISTED);
        assertThat(CertificationRules.evaluate(inputs(100, 50, 3.79, 1.0, null, null)).tier()).isEqualTo(CertificationTier.LISTED);
        assertThat(CertificationRules.evaluate(inputs(100, 50, 4.5, 0.79, null, null)).tier()).isEqualTo(CertificationTier.LISTED);
    }

    @Test
    void certifiedNeedsMeasuredHealthNotJustPopularity() {
        assertThat(CertificationRules.evaluate(inputs(5000, 900, 4.8, 1.0, null, null)).tier()).isEqualTo(CertificationTier.VERIFIED);
        CertificationRules.Evaluation healthy = CertificationRules.evaluate(inputs(250, 40, 4.2, 0.9, 0.99, 0.01));
        assertThat(healthy.tier()).isEqualTo(CertificationTier.CERTIFIED);
        assertThat(healthy.criteria()).allMatch(CertificationRules.Criterion::met);
    }

    @Test
    void certificationLapsesWhenHealthDropsAndReturnsWhenItRecovers() {
        assertThat(CertificationRules.evaluate(inputs(400, 80, 4.6, 1.0, 0.995, 0.002)).tier()).isEqualTo(CertificationTier.CERTIFIED);
        CertificationRules.Evaluation dropped = CertificationRules.evaluate(inputs(400, 80, 4.6, 1.0, 0.95, 0.002));
        assertThat(dropped.tier()).isEqualTo(CertificationTier.VERIFIED);
        assertThat(dropped.criteria()).filteredOn(c -> !c.met()).extracting(CertificationRules.Criterion::name)
                .containsExactly("webhook delivery success ≥ 99%");
        assertThat(CertificationRules.evaluate(inputs(400, 80, 4.6, 1.0, 0.995, 0.05)).tier()).isEqualTo(CertificationTier.VERIFIED);
        assertThat(CertificationRules.evaluate(inputs(400, 80, 4.6, 1.0, 0.999, 0.001)).tier()).isEqualTo(CertificationTier.CERTIFIED);
    }
}
