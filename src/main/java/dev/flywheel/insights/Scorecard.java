package dev.flywheel.insights;

import dev.flywheel.platform.Mode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The compounding scorecard: the ecosystem's flywheel metrics for the last four complete
 * quarters (partner pipeline from the partners module among them), each with its baseline (the first of the four) and its change from the previous
 * quarter. A metric whose source does not exist in this installation says so instead of showing 0.
 */
@Service
class Scorecard {

    /** One metric: a value per quarter (null = no data), how to show it, or why there is none. */
    record Metric(String name, String unit, List<Double> values, String missing) {

        Double baseline() {
            return values.isEmpty() ? null : values.get(0);
        }

        Double delta() {
            int n = values.size();
            return n < 2 || values.get(n - 1) == null || values.get(n - 2) == null ? null : values.get(n - 1) - values.get(n - 2);
        }
    }

    record Card(List<String> quarters, List<Metric> metrics) {
    }

    private final InsightsQueries queries;
    private final FactReader facts;
    private final Experiments experiments;
    private final PartnerPipeline pipeline;
    private final Clock clock;

    Scorecard(InsightsQueries queries, FactReader facts, Experiments experiments, PartnerPipeline pipeline, Clock clock) {
        this.queries = queries;
        this.facts = facts;
        this.experiments = experiments;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    static YearMonth quarterStart(YearMonth m) {
        return YearMonth.of(m.getYear(), ((m.getMonthValue() - 1) / 3) * 3 + 1);
    }

    Card card(Mode mode) {
        YearMonth lastStart = quarterStart(YearMonth.now(clock.withZone(ZoneOffset.UTC))).minusMonths(3);
        List<Period> quarters = new ArrayList<>();
        for (int i = 3; i >= 0; i--) {
            YearMonth s = lastStart.minusMonths(3L * i);
            quarters.add(new Period(s, s.plusMonths(2)));
        }
        List<String> labels = quarters.stream().map(q -> q.from().getYear() + " Q" + ((q.from().getMonthValue() - 1) / 3 + 1)).toList();
        List<Double> activation = new ArrayList<>();
        List<Double> nrrGap = new ArrayList<>();
        List<Double> sourced = new ArrayList<>();
        List<Double> influenced = new ArrayList<>();
        List<Double> gmv = new ArrayList<>();
        List<Double> lift = new ArrayList<>();
        List<Double> openPipeline = new ArrayList<>();
        List<Double> winRate = new ArrayList<>();
        boolean anyGmv = facts.any("insights_gmv", mode);
        Period whole = new Period(quarters.get(0).from(), quarters.get(3).to());
        List<Adoption.MonthActivation> months = queries.adoption(mode, whole).activation();
        for (int q = 0; q < quarters.size(); q++) {
            Period p = quarters.get(q);
            BigDecimal rate = months.get(q * 3 + 2).rate();
            activation.add(rate == null ? null : rate.doubleValue());
            InsightsQueries.Retention r = queries.retention(mode, p);
            BigDecimal deep = r.segments().get(2).nrr();
            BigDecimal none = r.segments().get(0).nrr();
            nrrGap.add(deep == null || none == null ? null : deep.subtract(none).doubleValue());
            AttributionReport.Summary a = queries.attribution(mode, p, AttributionModel.LINEAR).summary();
            sourced.add((double) a.sourcedRevenue());
            influenced.add((double) a.influencedRevenue());
            Map<YearMonth, Long> g = facts.gmv(mode, p.from(), p.to());
            gmv.add(anyGmv ? (double) g.values().stream().mapToLong(Long::longValue).sum() : null);
            lift.add(experiments.meanSignificantLift(mode, p).orElse(null));
            PartnerPipeline.Figures deals = pipeline.figures(mode, p);
            openPipeline.add((double) deals.openPipeline());
            winRate.add(deals.winRate() == null ? null : deals.winRate().doubleValue());
        }
        List<Metric> metrics = new ArrayList<>();
        metrics.add(new Metric("Integration adoption rate", "ratio", activation, null));
        metrics.add(new Metric("NRR gap, depth 3+ minus depth 0", "ratio", nrrGap, null));
        metrics.add(new Metric("Partner-sourced revenue", "money", sourced, null));
        metrics.add(new Metric("Partner-influenced revenue", "money", influenced, null));
        metrics.add(new Metric("Partner-sourced pipeline (open deal registrations created in the quarter)", "money", openPipeline, null));
        metrics.add(new Metric("Deal registration win rate (won / (won + lost))", "ratio", winRate, null));
        metrics.add(new Metric("Marketplace GMV", "money", gmv, anyGmv ? null : "No data yet: import GMV (POST /api/v1/insights/facts/gmv) until the marketplace reports it."));
        metrics.add(new Metric("Feature impact (mean relative lift of significant A/B tests stopped in the quarter)", "ratio", lift,
                lift.stream().allMatch(v -> v == null) ? "No data yet: no experiment with a significant result was stopped in these quarters." : null));
        metrics.add(new Metric("User-generated assets (templates and contributions per month)", "count", List.of(),
                "No data yet: the community module is not part of this installation."));
        return new Card(labels, metrics);
    }
}
