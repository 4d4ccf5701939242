package dev.flywheel.marketplace;

import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one sale into the platform's fee and the partner's share under a {@link FeeSchedule}.
 * A pure function. Under tiers, a sale that crosses a threshold is split at it and each part
 * pays its tier's rate. Each part's fee is rounded once (HALF_EVEN, in {@link Money#times}); the
 * partner's share is the sale minus the fee, so the two always add up to the sale exactly.
 */
final class FeeCalculator {

    /** One part of a sale and the rate it paid. */
    record Portion(Money amount, BigDecimal rate, String basis) {
    }

    record Split(Money gmv, Money fee, Money partnerShare, List<Portion> portions) {
    }

    private FeeCalculator() {
    }

    /**
     * @param lifetimeBefore the partner's sales before this one, ever (in the sale's currency)
     * @param yearBefore the partner's sales before this one in the same calendar year
     * @param firstYear whether this sale falls within the partner's first year of selling
     */
    static Split split(FeeSchedule schedule, Money sale, Money lifetimeBefore, Money yearBefore, boolean firstYear) {
        if (sale.amount() <= 0) {
            throw new IllegalArgumentException("A sale must be a positive amount");
        }
        List<Portion> portions;
        if (firstYear && schedule.firstYearRate() != null) {
            portions = List.of(new Portion(sale, schedule.firstYearRate(), "first year"));
        } else if (!schedule.lifetimeTiers().isEmpty()) {
            portions = tiered(schedule, schedule.lifetimeTiers(), sale, lifetimeBefore, "lifetime");
        } else if (!schedule.yearlyTiers().isEmpty()) {
            portions = tiered(schedule, schedule.yearlyTiers(), sale, yearBefore, "this year");
        } else {
            portions = List.of(new Portion(sale, schedule.flatRate(), "flat"));
        }
        Money fee = Money.zero(sale.currency());
        for (Portion p : portions) {
            fee = fee.plus(p.amount().times(p.rate()));
        }
        return new Split(sale, fee, sale.minus(fee), portions);
    }

    private static List<Portion> tiered(FeeSchedule schedule, List<FeeSchedule.Tier> tiers, Money sale, Money before, String basis) {
        if (!sale.currency().equals(schedule.currency())) {
            throw new IllegalArgumentException("The fee tiers are in " + schedule.currency() + "; a " + sale.currency()
                    + " sale cannot be placed on them");
        }
        List<Portion> out = new ArrayList<>();
        long position = Math.max(0, before.amount());
        long remaining = sale.amount();
        long lower = 0;
        for (FeeSchedule.Tier tier : tiers) {
            long upper = tier.upTo() == null ? Long.MAX_VALUE : tier.upTo();
            if (remaining > 0 && position < upper) {
                long start = Math.max(position, lower);
                long take = Math.min(remaining, upper - start);
                if (take > 0) {
                    out.add(new Portion(Money.of(take, sale.currency()), tier.rate(), basis + " tier up to "
                            + (tier.upTo() == null ? "no limit" : Money.of(tier.upTo(), sale.currency()).toString())));
                    remaining -= take;
                    position = start + take;
                }
            }
            lower = upper;
        }
        return out;
    }
}
