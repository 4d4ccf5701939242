package dev.flywheel.partners;

import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Commissions for N revenue events through the real calculator (plan, tier rate, founding bonus,
 * stacking multipliers, credit split, trace), beside two references on the same events: the bare
 * arithmetic of a percentage commission (long multiply and divide) and the same percentage through
 * {@code Money.times} (BigDecimal, HALF_EVEN), without plan or trace.
 */
public final class CommissionBench {

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        CommissionPlan plan = new CommissionPlan("cpl_bench", "Bench", LocalDate.of(2026, 1, 1), CommissionPlan.Basis.PERCENTAGE,
                CommissionPlan.Term.RECURRING, 12, Map.of("registered", new BigDecimal("0.10"), "preferred", new BigDecimal("0.15"),
                        "premier", new BigDecimal("0.20")), Map.of(), new BigDecimal("0.05"),
                List.of(new CommissionPlan.Multiplier("enterprise", CommissionPlan.Multiplier.Condition.DEAL_SIZE_AT_LEAST,
                        Money.of(10_000_000, "USD"), null, null, new BigDecimal("1.25")),
                        new CommissionPlan.Multiplier("multi-year", CommissionPlan.Multiplier.Condition.CONTRACT_MONTHS_AT_LEAST, null, 24, null,
                                new BigDecimal("1.1"))), new BigDecimal("2"), BigDecimal.ONE, new BigDecimal("0.2"));
        String[] tiers = {"registered", "preferred", "premier"};
        long[] amounts = new long[events];
        int[] months = new int[events];
        int[] tier = new int[events];
        Random random = new Random(42);
        for (int i = 0; i < events; i++) {
            amounts[i] = 1 + random.nextInt(50_000_000);
            months[i] = random.nextInt(36);
            tier[i] = random.nextInt(3);
        }
        for (int round = 0; round < 2; round++) { // round 0 warms the JIT up
            long start = System.nanoTime();
            long total = 0;
            for (int i = 0; i < events; i++) {
                Money amount = Money.of(amounts[i], "USD");
                List<CommissionCalculator.Share> shares = CommissionCalculator.calculate(plan,
                        new CommissionCalculator.Revenue(amount, months[i] % 12, amount, months[i], null),
                        List.of(new CommissionCalculator.Credit("prt_a", CommissionCalculator.Role.SOURCED, tiers[tier[i]], (i & 7) == 0)));
                total += shares.get(0).amount().amount();
            }
            double flywheel = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            long reference = 0;
            long[] rates = {10, 15, 20};
            for (int i = 0; i < events; i++) {
                reference += amounts[i] * rates[tier[i]] / 100;
            }
            double raw = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            long rounded = 0;
            BigDecimal[] fractions = {new BigDecimal("0.10"), new BigDecimal("0.15"), new BigDecimal("0.20")};
            for (int i = 0; i < events; i++) {
                rounded += Money.of(amounts[i], "USD").times(fractions[tier[i]]).amount();
            }
            double money = (System.nanoTime() - start) / 1e9;
            if (round == 1) {
                System.out.printf("commissions: %,d revenue events%n", events);
                System.out.printf("  flywheel calculator (plan, multipliers, split, trace): %.3f s = %,.0f events/s (checksum %d)%n", flywheel, events / flywheel, total);
                System.out.printf("  reference bare arithmetic:                              %.3f s = %,.0f events/s (checksum %d)%n", raw, events / raw, reference);
                System.out.printf("  reference Money.times(rate) only (same rounding, no plan): %.3f s = %,.0f events/s (checksum %d)%n", money, events / money, rounded);
                System.out.printf("  ratio flywheel/bare arithmetic time: %.1f; flywheel/Money.times time: %.1f%n", flywheel / raw, flywheel / money);
            }
        }
    }
}
