package dev.flywheel.partners;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Objective tier rules: a partner qualifies for the highest tier whose every requirement its
 * measured numbers meet. Upgrades happen at once; a partner who falls below its tier keeps it
 * for a grace period and is only downgraded if still below when the grace period ends.
 */
final class TierRules {

    /** The measurable things tiers ask for, with the words progress messages use. */
    enum Metric {
        DEALS_CLOSED("deals_closed", "deals closed", "deal closed"),
        SOURCED_REVENUE("sourced_revenue", "sourced revenue", "sourced revenue"),
        MANAGED_CUSTOMERS("managed_customers", "active managed customers", "active managed customer"),
        CERTIFIED_STAFF("certified_staff", "certified staff", "certified staff"),
        TRAININGS_COMPLETED("trainings_completed", "completed trainings", "completed training");

        final String key;
        final String plural;
        final String singular;

        Metric(String key, String plural, String singular) {
            this.key = key;
            this.plural = plural;
            this.singular = singular;
        }

        static Metric of(String key) {
            for (Metric m : values()) {
                if (m.key.equals(key)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("Unknown tier metric '" + key + "'");
        }
    }

    /** A tier: its rank (0 = entry tier), minimum per metric key, and benefits in words. */
    record Tier(String name, String label, int rank, Map<String, BigDecimal> requirements, List<String> benefits) {
    }

    enum Change { UPGRADE, DOWNGRADE, GRACE_STARTED, IN_GRACE, RECOVERED, UNCHANGED }

    /** The outcome: the tier to be in, what happened, since when the partner is below its tier (or null), and why. */
    record Decision(String tier, Change change, LocalDate belowSince, String reason) {
    }

    private TierRules() {
    }

    static Tier qualified(Map<String, BigDecimal> metrics, List<Tier> tiers) {
        return sorted(tiers).stream().filter(t -> meets(t, metrics)).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalArgumentException("No tier can be reached; the entry tier must have no requirements"));
    }

    static Decision evaluate(String current, Map<String, BigDecimal> metrics, List<Tier> tiers, LocalDate belowSince, int graceDays,
            LocalDate today) {
        Tier now = tiers.stream().filter(t -> t.name().equals(current)).findFirst().orElse(sorted(tiers).get(0));
        Tier best = qualified(metrics, tiers);
        String numbers = describe(metrics);
        if (best.rank() > now.rank()) {
            return new Decision(best.name(), Change.UPGRADE, null, "meets every " + best.label() + " requirement (" + numbers + ")");
        }
        if (best.rank() == now.rank()) {
            return new Decision(now.name(), belowSince == null ? Change.UNCHANGED : Change.RECOVERED, null,
                    "meets " + now.label() + " (" + numbers + ")");
        }
        String missing = String.join(", ", missing(now, metrics));
        if (belowSince == null) {
            return new Decision(now.name(), Change.GRACE_STARTED, today, "below " + now.label() + " (" + missing + "); grace period of "
                    + graceDays + " days until " + today.plusDays(graceDays));
        }
        if (!today.isBefore(belowSince.plusDays(graceDays))) {
            return new Decision(best.name(), Change.DOWNGRADE, null, "below " + now.label() + " since " + belowSince + " (" + missing
                    + ") and the " + graceDays + "-day grace period ended");
        }
        return new Decision(now.name(), Change.IN_GRACE, belowSince, "below " + now.label() + " since " + belowSince + " (" + missing
                + "); keeps the tier until " + belowSince.plusDays(graceDays));
    }

    /** What the partner still needs for the next tier, e.g. "2 more certified staff to reach Premier". */
    static String progress(String current, Map<String, BigDecimal> metrics, List<Tier> tiers) {
        List<Tier> ordered = sorted(tiers);
        Tier now = ordered.stream().filter(t -> t.name().equals(current)).findFirst().orElse(ordered.get(0));
        Tier next = ordered.stream().filter(t -> t.rank() > now.rank()).findFirst().orElse(null);
        if (next == null) {
            return "Top tier reached: " + now.label() + ".";
        }
        List<String> missing = missing(next, metrics);
        if (missing.isEmpty()) {
            return "Meets every " + next.label() + " requirement; the daily evaluation will move you up.";
        }
        return join(missing) + " to reach " + next.label();
    }

    private static List<String> missing(Tier tier, Map<String, BigDecimal> metrics) {
        List<String> out = new ArrayList<>();
        for (Metric m : Metric.values()) {
            BigDecimal required = tier.requirements().get(m.key);
            if (required == null) {
                continue;
            }
            BigDecimal have = metrics.getOrDefault(m.key, BigDecimal.ZERO);
            if (have.compareTo(required) < 0) {
                BigDecimal gap = required.subtract(have);
                String amount = m == Metric.SOURCED_REVENUE ? gap.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString()
                        : gap.stripTrailingZeros().toPlainString();
                out.add(amount + " more " + (gap.compareTo(BigDecimal.ONE) == 0 ? m.singular : m.plural));
            }
        }
        return out;
    }

    private static boolean meets(Tier tier, Map<String, BigDecimal> metrics) {
        return tier.requirements().entrySet().stream()
                .allMatch(r -> metrics.getOrDefault(r.getKey(), BigDecimal.ZERO).compareTo(r.getValue()) >= 0);
    }

    private static List<Tier> sorted(List<Tier> tiers) {
        return tiers.stream().sorted(Comparator.comparingInt(Tier::rank)).toList();
    }

    static String describe(Map<String, BigDecimal> metrics) {
        List<String> parts = new ArrayList<>();
        for (Metric m : Metric.values()) {
            BigDecimal v = metrics.get(m.key);
            if (v != null) {
                parts.add(m.plural + " " + v.stripTrailingZeros().toPlainString());
            }
        }
        return String.join(", ", parts);
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
