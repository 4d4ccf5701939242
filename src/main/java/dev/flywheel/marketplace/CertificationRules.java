package dev.flywheel.marketplace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The objective criteria of the certification tiers, evaluated from measured figures only. A
 * tier is held while all its criteria are met, so it lapses by itself when health drops and
 * returns when it recovers. Health that is not measured counts as not met: nothing is certified
 * on trust.
 *
 * <pre>
 * verified:  ≥ 25 active installs, ≥ 5 reviews, Bayesian rating ≥ 3.8, listing completeness ≥ 80%
 * certified: verified, and ≥ 250 active installs, Bayesian rating ≥ 4.2,
 *            webhook delivery success ≥ 99% and API error rate ≤ 1% over the last 30 days
 * </pre>
 */
final class CertificationRules {

    /**
     * @param webhookSuccessRate share of webhook deliveries to the app that succeeded, null when not measured
     * @param apiErrorRate share of the app's API calls that failed on its side (4xx except 429), null when not measured
     */
    record Inputs(long activeInstalls, long reviewCount, double bayesianRating, double completeness, Double webhookSuccessRate,
            Double apiErrorRate) {
    }

    record Criterion(CertificationTier tier, String name, boolean met, String detail) {
    }

    record Evaluation(CertificationTier tier, List<Criterion> criteria) {
    }

    private CertificationRules() {
    }

    static Evaluation evaluate(Inputs in) {
        List<Criterion> verified = new ArrayList<>();
        verified.add(criterion(CertificationTier.VERIFIED, "active installs ≥ 25", in.activeInstalls() >= 25, in.activeInstalls() + " active installs"));
        verified.add(criterion(CertificationTier.VERIFIED, "reviews ≥ 5", in.reviewCount() >= 5, in.reviewCount() + " reviews"));
        verified.add(criterion(CertificationTier.VERIFIED, "rating ≥ 3.8", in.bayesianRating() >= 3.8, fmt(in.bayesianRating())));
        verified.add(criterion(CertificationTier.VERIFIED, "completeness ≥ 80%", in.completeness() >= 0.8,
                Math.round(in.completeness() * 100) + "%"));
        List<Criterion> certified = new ArrayList<>();
        certified.add(criterion(CertificationTier.CERTIFIED, "active installs ≥ 250", in.activeInstalls() >= 250, in.activeInstalls() + " active installs"));
        certified.add(criterion(CertificationTier.CERTIFIED, "rating ≥ 4.2", in.bayesianRating() >= 4.2, fmt(in.bayesianRating())));
        certified.add(criterion(CertificationTier.CERTIFIED, "webhook delivery success ≥ 99%",
                in.webhookSuccessRate() != null && in.webhookSuccessRate() >= 0.99,
                in.webhookSuccessRate() == null ? "not measured" : percent(in.webhookSuccessRate())));
        certified.add(criterion(CertificationTier.CERTIFIED, "API error rate ≤ 1%", in.apiErrorRate() != null && in.apiErrorRate() <= 0.01,
                in.apiErrorRate() == null ? "not measured" : percent(in.apiErrorRate())));
        boolean isVerified = verified.stream().allMatch(Criterion::met);
        boolean isCertified = isVerified && certified.stream().allMatch(Criterion::met);
        List<Criterion> all = new ArrayList<>(verified);
        all.addAll(certified);
        return new Evaluation(isCertified ? CertificationTier.CERTIFIED : isVerified ? CertificationTier.VERIFIED : CertificationTier.LISTED,
                List.copyOf(all));
    }

    private static Criterion criterion(CertificationTier tier, String name, boolean met, String detail) {
        return new Criterion(tier, name, met, detail);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v * 100);
    }
}
