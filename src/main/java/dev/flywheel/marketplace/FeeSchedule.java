package dev.flywheel.marketplace;

import java.math.BigDecimal;
import java.util.List;

/**
 * The owner's fee on marketplace sales: the platform's rate, the partner keeping the rest.
 * Exactly one basis applies to a sale, checked in this order:
 * <ol>
 *   <li>{@code firstYearRate}: while the partner is in its first year of selling (from its first
 *       sale), this one rate applies to everything, e.g. 0% to win new partners;</li>
 *   <li>{@code lifetimeTiers}: progressive over the partner's lifetime sales, e.g. 0% on the
 *       first $1M, then 15%;</li>
 *   <li>{@code yearlyTiers}: progressive over the partner's sales in the calendar year (UTC),
 *       e.g. 20% up to $1M a year, then 15%;</li>
 *   <li>{@code flatRate} on every sale (default 30%, the common 70/30 split).</li>
 * </ol>
 * Tier thresholds are in {@code currency}, in minor units; the last tier has no upper bound.
 */
record FeeSchedule(String currency, BigDecimal flatRate, List<Tier> lifetimeTiers, List<Tier> yearlyTiers, BigDecimal firstYearRate) {

    /** Sales up to {@code upTo} (cumulative, minor units; null = no bound) pay {@code rate}. */
    record Tier(Long upTo, BigDecimal rate) {
    }

    FeeSchedule {
        lifetimeTiers = lifetimeTiers == null ? List.of() : List.copyOf(lifetimeTiers);
        yearlyTiers = yearlyTiers == null ? List.of() : List.copyOf(yearlyTiers);
    }

    static FeeSchedule flat(String currency, BigDecimal rate) {
        return new FeeSchedule(currency, rate, List.of(), List.of(), null);
    }

    /** Problems that make this schedule unusable, empty when it is valid. */
    List<String> problems() {
        List<String> out = new java.util.ArrayList<>();
        if (!dev.flywheel.platform.Money.isKnownCurrency(currency)) {
            out.add("currency must be an ISO 4217 code such as USD");
        }
        checkRate(out, "flat_rate", flatRate, true);
        checkRate(out, "first_year_rate", firstYearRate, false);
        checkTiers(out, "lifetime_tiers", lifetimeTiers);
        checkTiers(out, "yearly_tiers", yearlyTiers);
        if (!lifetimeTiers.isEmpty() && !yearlyTiers.isEmpty()) {
            out.add("use either lifetime_tiers or yearly_tiers, not both");
        }
        return out;
    }

    private static void checkRate(List<String> out, String field, BigDecimal rate, boolean required) {
        if (rate == null) {
            if (required) {
                out.add(field + " is required");
            }
            return;
        }
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
            out.add(field + " must be between 0 and 1 (e.g. 0.30 for 30%)");
        }
    }

    private static void checkTiers(List<String> out, String field, List<Tier> tiers) {
        long previous = 0;
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = tiers.get(i);
            checkRate(out, field + "[" + i + "].rate", t.rate(), true);
            boolean last = i == tiers.size() - 1;
            if (last != (t.upTo() == null)) {
                out.add(field + ": only the last tier has no up_to, and it must have none");
            } else if (t.upTo() != null && t.upTo() <= previous) {
                out.add(field + ": up_to must increase from tier to tier");
            }
            if (t.upTo() != null) {
                previous = t.upTo();
            }
        }
    }
}
