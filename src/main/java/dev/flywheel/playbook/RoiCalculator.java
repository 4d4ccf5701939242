package dev.flywheel.playbook;

import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether listing on a marketplace is accretive, with every step of the working shown.
 *
 * <p>New customers a month = visitors a month × platform conversion. New MRR a month = new
 * customers × ARPU (monthly). New MRR added in a year = new MRR a month × 12: with 500 users a
 * month converting at 8% and an ARPU of $150 that is 40 customers and $6,000 of new MRR each
 * month, so $72,000 of new MRR is added over a year (MRR ends the year $72,000 higher, a run-rate
 * of $864,000 ARR; revenue actually collected in that first year, before churn, is
 * $6,000 × (1 + 2 + … + 12) = $468,000).
 *
 * <p>Accretive: the customers the marketplace adds beyond the baseline conversion, valued at
 * lifetime value net of the marketplace's take rate, are worth more each month than the listing
 * costs. Pure; money through {@link Money#times(BigDecimal)}.
 */
final class RoiCalculator {

    /**
     * @param visitorsPerMonth people reaching the listing each month
     * @param platformConversion share of them who become customers through the marketplace (0.08 = 8%)
     * @param baselineConversion share who would convert anyway through your own channels
     * @param arpu average revenue per customer per month
     * @param lifetimeMonths average months a customer stays (LTV = ARPU × lifetime)
     * @param takeRate share of revenue the marketplace keeps (0.20 = 20%)
     * @param monthlyCost what the listing costs each month (fees, people, co-marketing)
     */
    record Inputs(long visitorsPerMonth, BigDecimal platformConversion, BigDecimal baselineConversion, Money arpu, int lifetimeMonths,
            BigDecimal takeRate, Money monthlyCost) {
    }

    /** One line of the working: what is computed, the formula with the numbers in it, the result. */
    record Step(String label, String formula, String result) {
    }

    record Result(BigDecimal newCustomersPerMonth, Money newMrrPerMonth, Money newMrrPerYear, Money firstYearRevenue,
            BigDecimal incrementalCustomersPerMonth, Money netLtvPerCustomer, Money incrementalNetValuePerMonth, boolean accretive,
            List<Step> working) {
    }

    private RoiCalculator() {
    }

    static Result calculate(Inputs in) {
        List<Step> steps = new ArrayList<>();
        BigDecimal visitors = BigDecimal.valueOf(in.visitorsPerMonth());
        BigDecimal customers = visitors.multiply(in.platformConversion()).stripTrailingZeros();
        steps.add(new Step("New customers a month", in.visitorsPerMonth() + " visitors × " + percent(in.platformConversion()), plain(customers)));
        Money mrrMonth = in.arpu().times(customers);
        steps.add(new Step("New MRR a month", plain(customers) + " customers × " + money(in.arpu()) + " ARPU", money(mrrMonth)));
        Money mrrYear = mrrMonth.times(BigDecimal.valueOf(12));
        steps.add(new Step("New MRR added in a year", money(mrrMonth) + " × 12 months", money(mrrYear)));
        // Customers won in month m pay for (13 - m) months of the first year: 12 + 11 + ... + 1 = 78 months of MRR.
        Money firstYear = mrrMonth.times(BigDecimal.valueOf(78));
        steps.add(new Step("Revenue collected in the first year (before churn)", money(mrrMonth) + " × (1 + 2 + … + 12 = 78)", money(firstYear)));
        BigDecimal baseline = visitors.multiply(in.baselineConversion());
        BigDecimal incremental = customers.subtract(baseline).stripTrailingZeros();
        steps.add(new Step("Customers beyond the baseline a month", plain(customers) + " − " + in.visitorsPerMonth() + " × "
                + percent(in.baselineConversion()), plain(incremental)));
        Money ltv = in.arpu().times(BigDecimal.valueOf(in.lifetimeMonths()));
        Money netLtv = ltv.times(BigDecimal.ONE.subtract(in.takeRate()));
        steps.add(new Step("Lifetime value net of the take rate", money(in.arpu()) + " × " + in.lifetimeMonths() + " months × (1 − "
                + percent(in.takeRate()) + ")", money(netLtv)));
        Money incrementalValue = netLtv.times(incremental);
        steps.add(new Step("Value added by the marketplace a month", plain(incremental) + " × " + money(netLtv), money(incrementalValue)));
        boolean accretive = incrementalValue.amount() > in.monthlyCost().amount();
        steps.add(new Step("Accretive?", money(incrementalValue) + (accretive ? " > " : " ≤ ") + money(in.monthlyCost()) + " listing cost a month",
                accretive ? "yes" : "no"));
        return new Result(customers, mrrMonth, mrrYear, firstYear, incremental, netLtv, incrementalValue, accretive, List.copyOf(steps));
    }

    static String money(Money m) {
        BigDecimal major = new BigDecimal(m.toDecimalString());
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(java.util.Locale.US);
        f.setMinimumFractionDigits(major.scale() > 0 && major.remainder(BigDecimal.ONE).signum() != 0 ? 2 : 0);
        f.setMaximumFractionDigits(2);
        String symbol = "USD".equals(m.currency()) ? "$" : m.currency() + " ";
        return (major.signum() < 0 ? "−" : "") + symbol + f.format(major.abs());
    }

    static String percent(BigDecimal rate) {
        return rate.multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + "%";
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
