package dev.flywheel.partners;

import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a revenue event pays each credited partner under a plan, and the trace of every rule that
 * produced it. Pure: the same plan, revenue and credits always give the same commissions, so a
 * stored trace can be recomputed and a preview is exactly what a real deal would pay. The only
 * rounding is {@link Money#times}, once per partner.
 */
final class CommissionCalculator {

    enum Role { SOURCED, INFLUENCED }

    /** A partner credited on the deal, with its tier and founding status on the day it was won. */
    record Credit(String partnerId, Role role, String tier, boolean founding) {
    }

    /**
     * One revenue event of a deal.
     *
     * @param monthIndex months since the deal was won (0 = the first payment)
     * @param dealSize the deal's contract value, compared with deal-size multipliers
     */
    record Revenue(Money amount, int monthIndex, Money dealSize, int contractMonths, String vertical) {
    }

    record Share(String partnerId, Role role, Money amount, List<String> trace) {
    }

    private CommissionCalculator() {
    }

    static List<Share> calculate(CommissionPlan plan, Revenue revenue, List<Credit> credits) {
        if (revenue.amount().isNegative()) {
            throw new IllegalArgumentException("Revenue cannot be negative; record a refund instead");
        }
        long sourced = credits.stream().filter(c -> c.role() == Role.SOURCED).count();
        long influenced = credits.stream().filter(c -> c.role() == Role.INFLUENCED).count();
        List<Share> shares = new ArrayList<>();
        for (Credit credit : credits) {
            List<String> trace = new ArrayList<>();
            trace.add("plan '" + plan.name() + "' effective " + plan.effectiveFrom() + " (" + plan.id() + ")");
            Money amount = Money.zero(revenue.amount().currency());
            if (!termCovers(plan, revenue.monthIndex(), trace)) {
                shares.add(new Share(credit.partnerId(), credit.role(), amount, trace));
                continue;
            }
            BigDecimal share = credit.role() == Role.SOURCED
                    ? plan.sourcedShare().divide(BigDecimal.valueOf(sourced), MathContext.DECIMAL64)
                    : plan.influencedShare().divide(BigDecimal.valueOf(influenced), MathContext.DECIMAL64);
            BigDecimal multiplier = multiplier(plan, revenue, trace);
            if (plan.basis() == CommissionPlan.Basis.PERCENTAGE) {
                BigDecimal rate = plan.rates().get(credit.tier());
                if (rate == null) {
                    trace.add("no rate for tier " + credit.tier() + ": nothing paid");
                    shares.add(new Share(credit.partnerId(), credit.role(), amount, trace));
                    continue;
                }
                trace.add("tier " + credit.tier() + " rate " + percent(rate));
                if (credit.founding() && plan.foundingBonus().signum() > 0) {
                    rate = rate.add(plan.foundingBonus());
                    trace.add("founding partner +" + percent(plan.foundingBonus()) + " = " + percent(rate));
                }
                BigDecimal factor = rate.multiply(multiplier).multiply(share);
                amount = revenue.amount().times(factor);
                trace.add(credit.role().name().toLowerCase(Locale.ROOT) + " share " + percent(share) + ": " + revenue.amount() + " × "
                        + percent(rate) + " × " + multiplier.stripTrailingZeros().toPlainString() + " × " + percent(share) + " = " + amount);
            } else {
                Money flat = plan.flat().get(credit.tier());
                if (flat == null) {
                    trace.add("no flat amount for tier " + credit.tier() + ": nothing paid");
                } else if (!flat.currency().equals(revenue.amount().currency())) {
                    trace.add("flat amount is in " + flat.currency() + " but the deal is in " + revenue.amount().currency() + ": nothing paid");
                } else {
                    trace.add("tier " + credit.tier() + " flat " + flat);
                    if (credit.founding() && plan.foundingBonus().signum() > 0) {
                        multiplier = multiplier.add(plan.foundingBonus());
                        trace.add("founding partner +" + plan.foundingBonus().stripTrailingZeros().toPlainString() + " to the multiplier");
                    }
                    amount = flat.times(multiplier.multiply(share));
                    trace.add(credit.role().name().toLowerCase(Locale.ROOT) + " share " + percent(share) + ": " + flat + " × "
                            + multiplier.stripTrailingZeros().toPlainString() + " × " + percent(share) + " = " + amount);
                }
            }
            shares.add(new Share(credit.partnerId(), credit.role(), amount, trace));
        }
        return shares;
    }

    private static boolean termCovers(CommissionPlan plan, int monthIndex, List<String> trace) {
        switch (plan.term()) {
            case ONE_TIME -> {
                if (monthIndex > 0) {
                    trace.add("one-time plan: only the first payment earns commission (this is month " + monthIndex + ")");
                    return false;
                }
                trace.add("one-time plan: first payment");
            }
            case RECURRING -> {
                if (monthIndex >= plan.recurringMonths()) {
                    trace.add("recurring for " + plan.recurringMonths() + " months: month " + monthIndex + " is past the term");
                    return false;
                }
                trace.add("recurring for " + plan.recurringMonths() + " months: month " + monthIndex);
            }
            case LIFETIME -> trace.add("lifetime plan: month " + monthIndex);
        }
        return true;
    }

    private static BigDecimal multiplier(CommissionPlan plan, Revenue revenue, List<String> trace) {
        BigDecimal product = BigDecimal.ONE;
        for (CommissionPlan.Multiplier m : plan.multipliers()) {
            String name = m.name() == null ? m.condition().name().toLowerCase(Locale.ROOT) : m.name();
            boolean applies = switch (m.condition()) {
                case DEAL_SIZE_AT_LEAST -> revenue.dealSize() != null && m.minimumDealSize().currency().equals(revenue.dealSize().currency())
                        && revenue.dealSize().amount() >= m.minimumDealSize().amount();
                case CONTRACT_MONTHS_AT_LEAST -> revenue.contractMonths() >= m.minimumContractMonths();
                case VERTICAL_IN -> revenue.vertical() != null && m.verticals().contains(revenue.vertical().toLowerCase(Locale.ROOT));
            };
            if (applies) {
                product = product.multiply(m.factor());
                trace.add("multiplier '" + name + "' ×" + m.factor().stripTrailingZeros().toPlainString());
            }
        }
        if (product.compareTo(plan.maxMultiplier()) > 0) {
            trace.add("multipliers capped at ×" + plan.maxMultiplier().stripTrailingZeros().toPlainString() + " (were ×"
                    + product.stripTrailingZeros().toPlainString() + ")");
            product = plan.maxMultiplier();
        }
        return product;
    }

    private static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }
}
