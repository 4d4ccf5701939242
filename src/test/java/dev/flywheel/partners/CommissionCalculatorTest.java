package dev.flywheel.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.partners.CommissionCalculator.Credit;
import dev.flywheel.partners.CommissionCalculator.Revenue;
import dev.flywheel.partners.CommissionCalculator.Role;
import dev.flywheel.partners.CommissionCalculator.Share;
import dev.flywheel.partners.CommissionPlan.Multiplier;
import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommissionCalculatorTest {

    /** A plan builder with sensible defaults, so each test states only what matters to it. */
    private static final class Plan {
        CommissionPlan.Basis basis = CommissionPlan.Basis.PERCENTAGE;
        CommissionPlan.Term term = CommissionPlan.Term.ONE_TIME;
        int months = 0;
        Map<String, BigDecimal> rates = Map.of("registered", new BigDecimal("0.10"), "preferred", new BigDecimal("0.15"), "premier",
                new BigDecimal("0.20"));
        Map<String, Money> flat = Map.of();
        BigDecimal founding = new BigDecimal("0.05");
        List<Multiplier> multipliers = List.of();
        BigDecimal max = new BigDecimal("2");
        BigDecimal sourced = BigDecimal.ONE;
        BigDecimal influenced = new BigDecimal("0.2");

        CommissionPlan build() {
            return new CommissionPlan("cpl_test", "Test", LocalDate.of(2026, 1, 1), basis, term, months, rates, flat, founding, multipliers, max,
                    sourced, influenced);
        }
    }

    private static Revenue revenue(long amount, int month) {
        return new Revenue(Money.of(amount, "USD"), month, Money.of(amount, "USD"), 12, null);
    }

    private static Credit sourced(String tier) {
        return new Credit("prt_a", Role.SOURCED, tier, false);
    }

    @ParameterizedTest(name = "{0}: {1} minor units -> {2}")
    @CsvSource({"registered, 12000000, 1200000", "preferred, 12000000, 1800000", "premier, 12000000, 2400000", "registered, 1, 0",
        "registered, 5, 0", "registered, 15, 2", "registered, 25, 2", "registered, 35, 4", "premier, 0, 0"})
    void aPercentageOfTheSaleByTierRoundedHalfEven(String tier, long sale, long expected) {
        List<Share> shares = CommissionCalculator.calculate(new Plan().build(), revenue(sale, 0), List.of(sourced(tier)));
        assertThat(shares).singleElement().satisfies(s -> assertThat(s.amount()).isEqualTo(Money.of(expected, "USD")));
    }

    @Test
    void theTraceNamesEveryRuleThatProducedTheAmount() {
        Plan plan = new Plan();
        plan.multipliers = List.of(new Multiplier("enterprise deal", Multiplier.Condition.DEAL_SIZE_AT_LEAST, Money.of(10_000_000, "USD"), null,
                null, new BigDecimal("1.25")));
        Share s = CommissionCalculator.calculate(plan.build(), revenue(12_000_000, 0), List.of(new Credit("prt_a", Role.SOURCED, "preferred", true)))
                .get(0);
        assertThat(s.amount()).isEqualTo(Money.of(3_000_000, "USD")); // 120000.00 × 20 % × 1.25
        assertThat(s.trace()).containsExactly("plan 'Test' effective 2026-01-01 (cpl_test)", "one-time plan: first payment",
                "multiplier 'enterprise deal' ×1.25", "tier preferred rate 15 %", "founding partner +5 % = 20 %",
                "sourced share 100 %: 120000.00 USD × 20 % × 1.25 × 100 % = 30000.00 USD");
    }

    @Test
    void multipliersStackAndAreCapped() {
        Plan plan = new Plan();
        plan.multipliers = List.of(
                new Multiplier("big", Multiplier.Condition.DEAL_SIZE_AT_LEAST, Money.of(100, "USD"), null, null, new BigDecimal("1.5")),
                new Multiplier("multi-year", Multiplier.Condition.CONTRACT_MONTHS_AT_LEAST, null, 24, null, new BigDecimal("1.2")),
                new Multiplier("health", Multiplier.Condition.VERTICAL_IN, null, null, Set.of("healthcare"), new BigDecimal("1.5")));
        Revenue threeYearHealthcare = new Revenue(Money.of(100_000, "USD"), 0, Money.of(100_000, "USD"), 36, "Healthcare");
        Share capped = CommissionCalculator.calculate(plan.build(), threeYearHealthcare, List.of(sourced("registered"))).get(0);
        assertThat(capped.amount()).isEqualTo(Money.of(20_000, "USD")); // 1.5 × 1.2 × 1.5 = 2.7, capped at 2
        assertThat(capped.trace()).anyMatch(t -> t.contains("capped at ×2 (were ×2.7)"));

        Revenue oneYearRetail = new Revenue(Money.of(100_000, "USD"), 0, Money.of(100_000, "USD"), 12, "retail");
        assertThat(CommissionCalculator.calculate(plan.build(), oneYearRetail, List.of(sourced("registered"))).get(0).amount())
                .isEqualTo(Money.of(15_000, "USD"));
        Revenue euros = new Revenue(Money.of(100_000, "EUR"), 0, Money.of(100_000, "EUR"), 12, null);
        assertThat(CommissionCalculator.calculate(plan.build(), euros, List.of(sourced("registered"))).get(0).amount())
                .as("a deal-size threshold in USD does not apply to a EUR deal").isEqualTo(Money.of(10_000, "EUR"));
    }

    @ParameterizedTest(name = "{0} plan, month {1}: pays {2}")
    @CsvSource({"ONE_TIME, 0, true", "ONE_TIME, 1, false", "RECURRING, 0, true", "RECURRING, 11, true", "RECURRING, 12, false",
        "LIFETIME, 0, true", "LIFETIME, 240, true"})
    void theTermDecidesWhichPaymentsEarn(CommissionPlan.Term term, int month, boolean pays) {
        Plan plan = new Plan();
        plan.term = term;
        plan.months = 12;
        Share s = CommissionCalculator.calculate(plan.build(), revenue(10_000, month), List.of(sourced("registered"))).get(0);
        assertThat(s.amount().amount() > 0).isEqualTo(pays);
    }

    @Test
    void creditIsSplitBetweenSourcingAndInfluencingPartners() {
        Plan plan = new Plan();
        plan.sourced = new BigDecimal("0.8");
        plan.influenced = new BigDecimal("0.2");
        List<Share> shares = CommissionCalculator.calculate(plan.build(), revenue(1_000_000, 0), List.of(sourced("registered"),
                new Credit("prt_b", Role.INFLUENCED, "premier", false), new Credit("prt_c", Role.INFLUENCED, "registered", false)));
        assertThat(shares).extracting(Share::amount).containsExactly(Money.of(80_000, "USD"), Money.of(20_000, "USD"), Money.of(10_000, "USD"));
        assertThat(shares.get(1).trace()).anyMatch(t -> t.startsWith("influenced share 10 %"));
    }

    @Test
    void flatPlansPayInTheirCurrencyOnly() {
        Plan plan = new Plan();
        plan.basis = CommissionPlan.Basis.FLAT;
        plan.flat = Map.of("registered", Money.of(50_000, "USD"));
        assertThat(CommissionCalculator.calculate(plan.build(), revenue(1, 0), List.of(sourced("registered"))).get(0).amount())
                .isEqualTo(Money.of(50_000, "USD"));
        assertThat(CommissionCalculator.calculate(plan.build(), revenue(1, 0), List.of(new Credit("prt_a", Role.SOURCED, "registered", true)))
                .get(0).amount()).isEqualTo(Money.of(52_500, "USD"));
        Share euro = CommissionCalculator.calculate(plan.build(), new Revenue(Money.of(1, "EUR"), 0, null, 12, null),
                List.of(sourced("registered"))).get(0);
        assertThat(euro.amount().amount()).isZero();
        assertThat(euro.trace()).anyMatch(t -> t.contains("flat amount is in USD but the deal is in EUR"));
        assertThat(CommissionCalculator.calculate(plan.build(), revenue(1, 0), List.of(sourced("premier"))).get(0).trace())
                .anyMatch(t -> t.contains("no flat amount for tier premier"));
    }

    @Test
    void refusesNegativeRevenue() {
        assertThatThrownBy(() -> CommissionCalculator.calculate(new Plan().build(), revenue(-1, 0), List.of(sourced("registered"))))
                .hasMessageContaining("negative");
    }

    @Test
    void commissionsNeverExceedTheCappedRateAndAreDeterministic() {
        Random random = new Random(7);
        Plan plan = new Plan();
        plan.multipliers = List.of(new Multiplier("big", Multiplier.Condition.DEAL_SIZE_AT_LEAST, Money.of(1_000, "USD"), null, null,
                new BigDecimal("1.9")), new Multiplier("long", Multiplier.Condition.CONTRACT_MONTHS_AT_LEAST, null, 24, null, new BigDecimal("1.9")));
        CommissionPlan built = plan.build();
        for (int i = 0; i < 2_000; i++) {
            long sale = (long) (random.nextDouble() * 1_000_000_000L);
            Revenue r = new Revenue(Money.of(sale, "USD"), 0, Money.of(sale, "USD"), 1 + random.nextInt(60), null);
            List<Credit> credits = List.of(new Credit("prt_a", Role.SOURCED, List.of("registered", "preferred", "premier").get(random.nextInt(3)),
                    random.nextBoolean()), new Credit("prt_b", Role.INFLUENCED, "registered", false));
            List<Share> a = CommissionCalculator.calculate(built, r, credits);
            assertThat(CommissionCalculator.calculate(built, r, credits)).isEqualTo(a);
            long total = a.stream().mapToLong(s -> s.amount().amount()).sum();
            // (20 % + 5 % founding) × cap 2 × (100 % + 20 %) = 60 % of the sale at most, plus one unit of rounding per share
            assertThat(total).isBetween(0L, sale * 60 / 100 + 2);
        }
    }

    @Test
    void planValidationNamesEveryProblem() {
        Plan plan = new Plan();
        plan.rates = Map.of("registered", new BigDecimal("1.5"));
        plan.term = CommissionPlan.Term.RECURRING;
        plan.months = 0;
        plan.sourced = new BigDecimal("-1");
        plan.multipliers = List.of(new Multiplier("x", Multiplier.Condition.DEAL_SIZE_AT_LEAST, null, null, null, BigDecimal.ONE));
        assertThat(plan.build().problems()).containsOnlyKeys("rates", "recurring_months", "sourced_share", "multipliers[0]");
        assertThat(new Plan().build().problems()).isEmpty();
    }
}
