package dev.flywheel.insights;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Integration adoption, as pure functions over installs.
 *
 * <ul>
 * <li>Depth of an account at an instant: distinct integrations active then.</li>
 * <li>Activation rate for a month: of the accounts paying at the end of the month (month-end MRR
 * &gt; 0), the share with depth ≥ 1 at the end of that month.</li>
 * <li>Time to first integration: days from the signup date (00:00 UTC) to the first install; by
 * monthly signup cohort, median and 75th percentile over the accounts that integrated.</li>
 * <li>Integrations per customer: by monthly signup cohort, the mean depth at {@code asOf} over all
 * of the cohort's accounts (accounts without installs count as 0).</li>
 * </ul>
 */
final class Adoption {

    record MonthActivation(YearMonth month, long payingCustomers, long activated, BigDecimal rate) {
    }

    record CohortTiming(YearMonth cohort, long accounts, long integrated, BigDecimal medianDays, BigDecimal p75Days,
            BigDecimal integrationsPerCustomer) {
    }

    private Adoption() {
    }

    /** Distinct integrations per account active at {@code at}. */
    static Map<String, Integer> depthAt(List<Install> installs, Instant at) {
        Map<String, Set<String>> active = new HashMap<>();
        for (Install i : installs) {
            if (i.activeAt(at)) {
                active.computeIfAbsent(i.account(), a -> new HashSet<>()).add(i.integration());
            }
        }
        Map<String, Integer> depth = new HashMap<>();
        active.forEach((a, s) -> depth.put(a, s.size()));
        return depth;
    }

    static Instant endOf(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1);
    }

    static Instant startOf(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Activation rate per month; {@code monthEnds} maps each account to its month-end MRR for from..to. */
    static List<MonthActivation> activation(YearMonth from, YearMonth to, Map<String, long[]> monthEnds, List<Install> installs) {
        List<MonthActivation> out = new ArrayList<>();
        int i = 0;
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1), i++) {
            Map<String, Integer> depth = depthAt(installs, endOf(m));
            long paying = 0;
            long activated = 0;
            for (Map.Entry<String, long[]> e : monthEnds.entrySet()) {
                if (e.getValue()[i] > 0) {
                    paying++;
                    if (depth.getOrDefault(e.getKey(), 0) > 0) {
                        activated++;
                    }
                }
            }
            out.add(new MonthActivation(m, paying, activated, Ratios.of(activated, paying)));
        }
        return out;
    }

    /** By signup cohort within from..to: time to first integration and integrations per customer at {@code asOf}. */
    static List<CohortTiming> cohorts(Map<String, LocalDate> signups, List<Install> installs, YearMonth from, YearMonth to, Instant asOf) {
        Map<String, Instant> first = new HashMap<>();
        for (Install i : installs) {
            first.merge(i.account(), i.installedAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        Map<String, Integer> depth = depthAt(installs, asOf);
        Map<YearMonth, List<String>> byCohort = new TreeMap<>();
        signups.forEach((account, day) -> {
            YearMonth c = YearMonth.from(day);
            if (!c.isBefore(from) && !c.isAfter(to)) {
                byCohort.computeIfAbsent(c, x -> new ArrayList<>()).add(account);
            }
        });
        List<CohortTiming> out = new ArrayList<>();
        byCohort.forEach((cohort, accounts) -> {
            List<Double> days = new ArrayList<>();
            long integrations = 0;
            for (String a : accounts) {
                Instant f = first.get(a);
                if (f != null) {
                    Instant signup = signups.get(a).atStartOfDay().toInstant(ZoneOffset.UTC);
                    days.add(Math.max(0, Duration.between(signup, f).getSeconds()) / 86400.0);
                }
                integrations += depth.getOrDefault(a, 0);
            }
            double[] d = days.stream().mapToDouble(Double::doubleValue).toArray();
            out.add(new CohortTiming(cohort, accounts.size(), d.length, d.length == 0 ? null : Ratios.of(Percentiles.of(d, 0.5)),
                    d.length == 0 ? null : Ratios.of(Percentiles.of(d, 0.75)), Ratios.of(integrations, accounts.size())));
        });
        return out;
    }
}
