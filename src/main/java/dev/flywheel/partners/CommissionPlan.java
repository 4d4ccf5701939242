package dev.flywheel.partners;

import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One effective-dated version of a commission plan. A deal is paid by the version in force on
 * the day it was won.
 *
 * @param basis a percentage of revenue, or a flat amount per deal
 * @param term one-time (first revenue only), recurring for {@code recurringMonths}, or lifetime
 * @param rates by tier name: a fraction of revenue (0.15 = 15 %) for percentage plans
 * @param flat by tier name: the amount per deal for flat plans (paid only in the deal's currency)
 * @param foundingBonus added to the rate (percentage) or to the multiplier (flat) for founding partners
 * @param multipliers what the business wants more of; all that match are multiplied, up to {@code maxMultiplier}
 * @param sourcedShare the share of the commission for the partner who sourced the deal (1 = all of it)
 * @param influencedShare the share for partners who influenced it, split equally among them
 */
record CommissionPlan(String id, String name, LocalDate effectiveFrom, Basis basis, Term term, int recurringMonths,
        Map<String, BigDecimal> rates, Map<String, Money> flat, BigDecimal foundingBonus, List<Multiplier> multipliers,
        BigDecimal maxMultiplier, BigDecimal sourcedShare, BigDecimal influencedShare) {

    enum Basis { PERCENTAGE, FLAT }

    enum Term { ONE_TIME, RECURRING, LIFETIME }

    /** A stacking multiplier: applies when the deal matches its condition. */
    record Multiplier(String name, Condition condition, Money minimumDealSize, Integer minimumContractMonths, Set<String> verticals,
            BigDecimal factor) {

        enum Condition { DEAL_SIZE_AT_LEAST, CONTRACT_MONTHS_AT_LEAST, VERTICAL_IN }
    }

    CommissionPlan {
        rates = rates == null ? Map.of() : Map.copyOf(rates);
        flat = flat == null ? Map.of() : Map.copyOf(flat);
        multipliers = multipliers == null ? List.of() : List.copyOf(multipliers);
        foundingBonus = foundingBonus == null ? BigDecimal.ZERO : foundingBonus;
        maxMultiplier = maxMultiplier == null ? new BigDecimal("3") : maxMultiplier;
        sourcedShare = sourcedShare == null ? BigDecimal.ONE : sourcedShare;
        influencedShare = influencedShare == null ? BigDecimal.ZERO : influencedShare;
    }

    /** Every problem with this plan, as field → message; empty when it can be used. */
    Map<String, String> problems() {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        if (name == null || name.isBlank() || name.length() > 100) {
            out.put("name", "must be 1 to 100 characters");
        }
        if (effectiveFrom == null) {
            out.put("effective_from", "is required (YYYY-MM-DD)");
        }
        if (basis == null) {
            out.put("basis", "must be percentage or flat");
        }
        if (term == null) {
            out.put("term", "must be one_time, recurring or lifetime");
        } else if (term == Term.RECURRING && (recurringMonths < 1 || recurringMonths > 120)) {
            out.put("recurring_months", "must be 1 to 120 for a recurring plan");
        }
        if (basis == Basis.PERCENTAGE && (rates.isEmpty() || rates.values().stream().anyMatch(r -> r == null || r.signum() < 0 || r.compareTo(BigDecimal.ONE) > 0))) {
            out.put("rates", "must give each tier a rate between 0 and 1 (0.15 = 15 %)");
        }
        if (basis == Basis.FLAT && (flat.isEmpty() || flat.values().stream().anyMatch(m -> m == null || m.amount() < 0))) {
            out.put("flat", "must give each tier a non-negative amount");
        }
        if (foundingBonus.signum() < 0 || foundingBonus.compareTo(BigDecimal.ONE) > 0) {
            out.put("founding_bonus", "must be between 0 and 1");
        }
        if (maxMultiplier.compareTo(BigDecimal.ONE) < 0 || maxMultiplier.compareTo(BigDecimal.TEN) > 0) {
            out.put("max_multiplier", "must be between 1 and 10");
        }
        for (int i = 0; i < multipliers.size(); i++) {
            Multiplier m = multipliers.get(i);
            String field = "multipliers[" + i + "]";
            if (m == null || m.condition() == null || m.factor() == null || m.factor().signum() <= 0 || m.factor().compareTo(BigDecimal.TEN) > 0) {
                out.put(field, "needs a condition and a factor between 0 and 10");
            } else if (m.condition() == Multiplier.Condition.DEAL_SIZE_AT_LEAST && m.minimumDealSize() == null) {
                out.put(field, "needs minimum_deal_size");
            } else if (m.condition() == Multiplier.Condition.CONTRACT_MONTHS_AT_LEAST && m.minimumContractMonths() == null) {
                out.put(field, "needs minimum_contract_months");
            } else if (m.condition() == Multiplier.Condition.VERTICAL_IN && (m.verticals() == null || m.verticals().isEmpty())) {
                out.put(field, "needs verticals");
            }
        }
        if (sourcedShare.signum() < 0 || sourcedShare.compareTo(BigDecimal.ONE) > 0) {
            out.put("sourced_share", "must be between 0 and 1");
        }
        if (influencedShare.signum() < 0 || influencedShare.compareTo(BigDecimal.ONE) > 0) {
            out.put("influenced_share", "must be between 0 and 1");
        }
        return out;
    }

    static String wire(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
