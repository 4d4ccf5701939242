package dev.flywheel.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sourced, influenced and model-attributed revenue over a set of won deals.
 *
 * <p>A model's credit for a partner is Σ over won deals of amount × the weights of that partner's
 * touches. Credits are fractions of minor units while they are summed; each total is rounded once,
 * HALF_EVEN, to whole minor units. A partner's influenced revenue counts the whole deal for every
 * partner that touched it (a deal touched by two partners appears under both), so per-partner
 * influenced revenue can add up to more than the influenced total; model credits never do.
 */
final class AttributionReport {

    record PartnerRow(String partnerId, long sourcedRevenue, long sourcedDeals, long influencedRevenue, long influencedDeals,
            long attributedRevenue) {
    }

    record Summary(AttributionModel model, long wonDeals, long totalRevenue, long sourcedRevenue, long influencedRevenue,
            long directRevenue, long partnerAttributedRevenue, long ownerAttributedRevenue, long unattributedRevenue,
            List<PartnerRow> partners) {
    }

    private static final class Acc {
        long sourced;
        long sourcedDeals;
        long influenced;
        long influencedDeals;
        double credit;
    }

    private final AttributionModel model;
    private final Map<String, Acc> partners = new HashMap<>();
    private long deals;
    private long total;
    private long sourced;
    private long influenced;
    private long direct;
    private double partnerCredit;
    private double ownerCredit;
    private long unattributed;

    AttributionReport(AttributionModel model) {
        this.model = model;
    }

    void add(Journey j) {
        Opportunity o = j.opportunity();
        if (!o.won()) {
            return;
        }
        deals++;
        total += o.amount();
        if (j.sourced()) {
            sourced += o.amount();
            Acc a = partners.computeIfAbsent(j.sourcedBy(), p -> new Acc());
            a.sourced += o.amount();
            a.sourcedDeals++;
        } else if (j.influenced()) {
            influenced += o.amount();
            for (String p : j.partners()) {
                Acc a = partners.computeIfAbsent(p, x -> new Acc());
                a.influenced += o.amount();
                a.influencedDeals++;
            }
        } else {
            direct += o.amount();
        }
        if (j.touches().isEmpty()) {
            unattributed += o.amount();
            return;
        }
        double[] w = j.weights(model);
        for (int i = 0; i < w.length; i++) {
            Touch t = j.touches().get(i);
            double credit = o.amount() * w[i];
            if (t.byPartner()) {
                partners.computeIfAbsent(t.partnerId(), x -> new Acc()).credit += credit;
                partnerCredit += credit;
            } else {
                ownerCredit += credit;
            }
        }
    }

    Summary summary() {
        List<PartnerRow> rows = new ArrayList<>();
        partners.forEach((id, a) -> rows.add(new PartnerRow(id, a.sourced, a.sourcedDeals, a.influenced, a.influencedDeals, round(a.credit))));
        rows.sort(Comparator.comparingLong((PartnerRow r) -> r.attributedRevenue() + r.sourcedRevenue() + r.influencedRevenue()).reversed()
                .thenComparing(PartnerRow::partnerId));
        return new Summary(model, deals, total, sourced, influenced, direct, round(partnerCredit), round(ownerCredit), unattributed, rows);
    }

    static long round(double minorUnits) {
        return new BigDecimal(minorUnits).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** Win rate, average deal size and time to close, for deals with and without a partner. */
    record Outcomes(Outcome withPartner, Outcome withoutPartner) {
    }

    record Outcome(long closedDeals, long wonDeals, BigDecimal winRate, Long averageDealSize, BigDecimal medianDaysToClose) {
    }

    /** Over closed (won or lost) deals; deal size and time to close over won deals only. */
    static Outcomes outcomes(List<Journey> journeys) {
        return new Outcomes(outcome(journeys.stream().filter(Journey::partnerInvolved).toList()),
                outcome(journeys.stream().filter(j -> !j.partnerInvolved()).toList()));
    }

    private static Outcome outcome(List<Journey> journeys) {
        long closed = 0;
        long won = 0;
        long amount = 0;
        List<Double> days = new ArrayList<>();
        for (Journey j : journeys) {
            Opportunity o = j.opportunity();
            if (!o.closed()) {
                continue;
            }
            closed++;
            if (o.won()) {
                won++;
                amount += o.amount();
                days.add((o.closedAt().getEpochSecond() - o.createdAt().getEpochSecond()) / 86400.0);
            }
        }
        return new Outcome(closed, won, Ratios.of(won, closed), won == 0 ? null : BigDecimal.valueOf(amount).divide(BigDecimal.valueOf(won), 0, RoundingMode.HALF_EVEN).longValueExact(),
                days.isEmpty() ? null : Ratios.of(Percentiles.median(days.stream().mapToDouble(Double::doubleValue).toArray())));
    }
}
