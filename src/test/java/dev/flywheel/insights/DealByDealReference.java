package dev.flywheel.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribution computed the plain way, one {@link Journey} at a time with objects and maps: the
 * reference the columnar {@link AttributionEngine} must agree with exactly.
 */
final class DealByDealReference {

    private DealByDealReference() {
    }

    private static final class Acc {
        long sourced;
        long sourcedDeals;
        long influenced;
        long influencedDeals;
        double credit;
    }

    static AttributionReport.Summary summary(AttributionModel model, List<Journey> journeys) {
        Map<String, Acc> partners = new HashMap<>();
        long deals = 0;
        long total = 0;
        long sourced = 0;
        long influenced = 0;
        long direct = 0;
        double partnerCredit = 0;
        double ownerCredit = 0;
        long unattributed = 0;
        for (Journey j : journeys) {
            Opportunity o = j.opportunity();
            if (!o.won()) {
                continue;
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
                continue;
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
        List<AttributionReport.PartnerRow> rows = new ArrayList<>();
        partners.forEach((id, a) -> rows.add(new AttributionReport.PartnerRow(id, a.sourced, a.sourcedDeals, a.influenced, a.influencedDeals,
                AttributionReport.round(a.credit))));
        rows.sort(Comparator.comparingLong((AttributionReport.PartnerRow r) -> r.attributedRevenue() + r.sourcedRevenue() + r.influencedRevenue())
                .reversed().thenComparing(AttributionReport.PartnerRow::partnerId));
        return new AttributionReport.Summary(model, deals, total, sourced, influenced, direct, AttributionReport.round(partnerCredit),
                AttributionReport.round(ownerCredit), unattributed, rows);
    }

    static AttributionReport.Outcomes outcomes(List<Journey> journeys) {
        return new AttributionReport.Outcomes(outcome(journeys.stream().filter(Journey::partnerInvolved).toList()),
                outcome(journeys.stream().filter(j -> !j.partnerInvolved()).toList()));
    }

    private static AttributionReport.Outcome outcome(List<Journey> journeys) {
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
        return new AttributionReport.Outcome(closed, won, Ratios.of(won, closed),
                won == 0 ? null : BigDecimal.valueOf(amount).divide(BigDecimal.valueOf(won), 0, RoundingMode.HALF_EVEN).longValueExact(),
                days.isEmpty() ? null : Ratios.of(Percentiles.median(days.stream().mapToDouble(Double::doubleValue).toArray())));
    }
}
