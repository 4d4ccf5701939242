package dev.flywheel.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What an attribution report says: sourced, influenced and model-attributed revenue over a set of
 * won deals (computed by {@link AttributionEngine}).
 *
 * <p>A model's credit for a partner is Σ over won deals of amount × the weights of that partner's
 * touches. Credits are fractions of minor units while they are summed; each total is rounded once,
 * HALF_EVEN, to whole minor units. A partner's influenced revenue counts the whole deal for every
 * partner that touched it (a deal touched by two partners appears under both), so per-partner
 * influenced revenue can add up to more than the influenced total; model credits never do.
 */
final class AttributionReport {

    private AttributionReport() {
    }

    record PartnerRow(String partnerId, long sourcedRevenue, long sourcedDeals, long influencedRevenue, long influencedDeals,
            long attributedRevenue) {
    }

    record Summary(AttributionModel model, long wonDeals, long totalRevenue, long sourcedRevenue, long influencedRevenue,
            long directRevenue, long partnerAttributedRevenue, long ownerAttributedRevenue, long unattributedRevenue,
            List<PartnerRow> partners) {
    }

    /** Win rate, average deal size and time to close, for deals with and without a partner. */
    record Outcomes(Outcome withPartner, Outcome withoutPartner) {
    }

    record Outcome(long closedDeals, long wonDeals, BigDecimal winRate, Long averageDealSize, BigDecimal medianDaysToClose) {
    }

    /** The one place attributed credit is rounded: fractions of minor units to whole ones, HALF_EVEN. */
    static long round(double minorUnits) {
        return new BigDecimal(minorUnits).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
