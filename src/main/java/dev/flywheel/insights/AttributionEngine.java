package dev.flywheel.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Attribution over {@link AttributionFacts}: every model, sourced, influenced and the with/without
 * partner outcomes in one walk over the deals, each deal's touches read from its account's range.
 *
 * <p>The rules are those of {@link Journey} (which shows one deal's touches in the drill-down) and
 * the models' weights are those of {@link AttributionModel}, computed with the same arithmetic in
 * the same order, so a figure here equals the one a deal-by-deal computation gives, to the last
 * bit before rounding. Credit is summed in fractions of minor units and rounded once per total,
 * HALF_EVEN ({@link AttributionReport#round}).
 */
final class AttributionEngine {

    private static final AttributionModel[] MODELS = AttributionModel.values();
    private static final int FIRST = AttributionModel.FIRST_TOUCH.ordinal();
    private static final int LAST = AttributionModel.LAST_TOUCH.ordinal();
    private static final int LINEAR = AttributionModel.LINEAR.ordinal();
    private static final int U = AttributionModel.U_SHAPED.ordinal();
    private static final int DECAY = AttributionModel.TIME_DECAY.ordinal();

    /** Every model's summary over the same deals, and the outcomes with and without a partner. */
    record Result(Map<AttributionModel, AttributionReport.Summary> summaries, AttributionReport.Outcomes outcomes) {

        AttributionReport.Summary summary(AttributionModel model) {
            return summaries.get(model);
        }
    }

    private AttributionEngine() {
    }

    static Result run(AttributionFacts f, int lookbackDays) {
        int partners = f.partnerIds.length;
        double[][] credit = new double[MODELS.length][partners];
        double[] partnerCredit = new double[MODELS.length];
        double[] ownerCredit = new double[MODELS.length];
        long[] sourcedRevenue = new long[partners];
        long[] sourcedDeals = new long[partners];
        long[] influencedRevenue = new long[partners];
        long[] influencedDeals = new long[partners];
        boolean[] listed = new boolean[partners];
        int[] lastDeal = new int[partners];
        Arrays.fill(lastDeal, -1);
        long deals = 0;
        long total = 0;
        long sourced = 0;
        long influenced = 0;
        long direct = 0;
        long unattributed = 0;
        OutcomeAcc with = new OutcomeAcc();
        OutcomeAcc without = new OutcomeAcc();

        long lookbackMicros = lookbackDays * 86_400L * 1_000_000L;
        int[] in = new int[16];
        double[] decay = new double[16];
        int[] opp = f.touchOpportunity;
        int[] partnerOf = f.touchPartner;
        long[] at = f.touchMicros;

        for (int d = 0; d < f.deals; d++) {
            int account = f.dealAccount[d];
            long earliest = f.createdMicros[d] - lookbackMicros;
            long close = f.closedMicros[d];
            int end = f.accountEnd[account];
            int n = 0;
            long ownerFirst = Long.MAX_VALUE;
            int registration = -1;
            boolean anyPartner = false;
            for (int i = f.accountStart[account]; i < end; i++) {
                int o = opp[i];
                long t = at[i];
                if ((o != AttributionFacts.ANY_OPPORTUNITY && o != d) || t < earliest || t > close) {
                    continue;
                }
                if (n == in.length) {
                    in = Arrays.copyOf(in, n * 2);
                    decay = Arrays.copyOf(decay, n * 2);
                }
                in[n++] = i;
                int p = partnerOf[i];
                if (p == AttributionFacts.OWNER) {
                    if (ownerFirst == Long.MAX_VALUE) {
                        ownerFirst = t;
                    }
                } else {
                    anyPartner = true;
                    if (registration < 0 && f.dealRegistration[i]) {
                        registration = i;
                    }
                }
            }
            // Sourcing: the partner that created the deal or registered it first, if before the owner's first touch.
            int source = f.creator[d];
            long sourceAt = f.createdMicros[d];
            if (registration >= 0 && (source == AttributionFacts.OWNER || at[registration] < sourceAt)) {
                source = partnerOf[registration];
                sourceAt = at[registration];
            }
            if (source != AttributionFacts.OWNER && ownerFirst != Long.MAX_VALUE && sourceAt >= ownerFirst) {
                source = AttributionFacts.OWNER;
            }
            boolean involved = source != AttributionFacts.OWNER || anyPartner;
            byte status = f.status[d];
            if (status != AttributionFacts.OPEN) {
                (involved ? with : without).add(f, d);
            }
            if (status != AttributionFacts.WON) {
                continue;
            }
            long amount = f.amount[d];
            deals++;
            total += amount;
            if (source != AttributionFacts.OWNER) {
                sourced += amount;
                sourcedRevenue[source] += amount;
                sourcedDeals[source]++;
                listed[source] = true;
            } else if (anyPartner) {
                influenced += amount;
                for (int k = 0; k < n; k++) {
                    int p = partnerOf[in[k]];
                    if (p != AttributionFacts.OWNER && lastDeal[p] != d) {
                        lastDeal[p] = d;
                        influencedRevenue[p] += amount;
                        influencedDeals[p]++;
                        listed[p] = true;
                    }
                }
            } else {
                direct += amount;
            }
            if (n == 0) {
                unattributed += amount;
                continue;
            }
            // Time decay (AttributionModel.TIME_DECAY): measured from the latest touch, normalised.
            long closeSeconds = close == Long.MAX_VALUE ? Long.MAX_VALUE : AttributionFacts.seconds(close);
            long latest = Long.MIN_VALUE;
            for (int k = 0; k < n; k++) {
                latest = Math.max(latest, Math.min(AttributionFacts.seconds(at[in[k]]), closeSeconds));
            }
            double sum = 0;
            for (int k = 0; k < n; k++) {
                double days = Math.max(0, latest - Math.min(AttributionFacts.seconds(at[in[k]]), closeSeconds)) / 86400.0;
                decay[k] = Math.pow(2, -days / AttributionModel.HALF_LIFE_DAYS);
                sum += decay[k];
            }
            double linear = 1.0 / n;
            double middle = n > 2 ? 0.2 / (n - 2) : 0;
            for (int k = 0; k < n; k++) {
                int p = partnerOf[in[k]];
                double first = k == 0 ? 1 : 0;
                double last = k == n - 1 ? 1 : 0;
                double u = n == 1 ? 1 : n == 2 ? 0.5 : (k == 0 || k == n - 1) ? 0.4 : middle;
                double w = decay[k] / sum;
                if (p == AttributionFacts.OWNER) {
                    ownerCredit[FIRST] += amount * first;
                    ownerCredit[LAST] += amount * last;
                    ownerCredit[LINEAR] += amount * linear;
                    ownerCredit[U] += amount * u;
                    ownerCredit[DECAY] += amount * w;
                } else {
                    listed[p] = true;
                    add(credit, partnerCredit, FIRST, p, amount * first);
                    add(credit, partnerCredit, LAST, p, amount * last);
                    add(credit, partnerCredit, LINEAR, p, amount * linear);
                    add(credit, partnerCredit, U, p, amount * u);
                    add(credit, partnerCredit, DECAY, p, amount * w);
                }
            }
        }

        Map<AttributionModel, AttributionReport.Summary> summaries = new EnumMap<>(AttributionModel.class);
        for (AttributionModel model : MODELS) {
            int m = model.ordinal();
            List<AttributionReport.PartnerRow> rows = new ArrayList<>();
            for (int p = 0; p < partners; p++) {
                if (listed[p]) {
                    rows.add(new AttributionReport.PartnerRow(f.partnerIds[p], sourcedRevenue[p], sourcedDeals[p], influencedRevenue[p], influencedDeals[p],
                            AttributionReport.round(credit[m][p])));
                }
            }
            rows.sort(Comparator.comparingLong((AttributionReport.PartnerRow r) -> r.attributedRevenue() + r.sourcedRevenue() + r.influencedRevenue())
                    .reversed().thenComparing(AttributionReport.PartnerRow::partnerId));
            summaries.put(model, new AttributionReport.Summary(model, deals, total, sourced, influenced, direct, AttributionReport.round(partnerCredit[m]),
                    AttributionReport.round(ownerCredit[m]), unattributed, rows));
        }
        return new Result(summaries, new AttributionReport.Outcomes(with.outcome(), without.outcome()));
    }

    private static void add(double[][] credit, double[] partnerCredit, int model, int partner, double value) {
        credit[model][partner] += value;
        partnerCredit[model] += value;
    }

    /** Win rate over closed deals; deal size and days to close over won deals. */
    private static final class OutcomeAcc {
        long closed;
        long won;
        long amount;
        double[] days = new double[16];

        void add(AttributionFacts f, int d) {
            closed++;
            if (f.status[d] != AttributionFacts.WON) {
                return;
            }
            if (won == days.length) {
                days = Arrays.copyOf(days, days.length * 2);
            }
            days[(int) won] = (AttributionFacts.seconds(f.closedMicros[d]) - AttributionFacts.seconds(f.createdMicros[d])) / 86400.0;
            won++;
            amount += f.amount[d];
        }

        AttributionReport.Outcome outcome() {
            return new AttributionReport.Outcome(closed, won, Ratios.of(won, closed),
                    won == 0 ? null : BigDecimal.valueOf(amount).divide(BigDecimal.valueOf(won), 0, RoundingMode.HALF_EVEN).longValueExact(),
                    won == 0 ? null : Ratios.of(Percentiles.median(Arrays.copyOf(days, (int) won))));
        }
    }
}
