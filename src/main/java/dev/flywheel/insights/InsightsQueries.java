package dev.flywheel.insights;

import dev.flywheel.platform.Mode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Computes the reports from the stored facts. Everything is derived on request from the system of record. */
@Service
class InsightsQueries {

    record Retention(Period period, List<RetentionCalculator.Segment> segments, RetentionCalculator.Segment total) {
    }

    record Attribution(Period period, AttributionReport.Summary summary, AttributionReport.Outcomes outcomes) {
    }

    private final FactReader facts;
    private final InsightsProperties properties;
    private final AccountDirectory accounts;
    private final Clock clock;

    InsightsQueries(FactReader facts, InsightsProperties properties, AccountDirectory accounts, Clock clock) {
        this.facts = facts;
        this.properties = properties;
        this.accounts = accounts;
        this.clock = clock;
    }

    Retention retention(Mode mode, Period period) {
        Map<String, Integer> depth = facts.depthAt(mode, period.startInstant());
        RetentionCalculator calc = new RetentionCalculator(period.from(), period.to());
        facts.forEachTimeline(mode, t -> calc.add(t, depth.getOrDefault(t.account(), 0)));
        return new Retention(period, calc.segments(), calc.total());
    }

    List<MrrMovements.Month> movements(Mode mode, Period period) {
        MrrMovements m = new MrrMovements(period.from(), period.to());
        facts.forEachTimeline(mode, m::add);
        return m.months();
    }

    List<CohortHeatmap.Row> cohorts(Mode mode, Period period) {
        CohortHeatmap h = new CohortHeatmap(period.from(), period.to());
        facts.forEachTimeline(mode, h::add);
        return h.rows();
    }

    /** Every model over the same deals, for comparing them side by side. */
    Map<AttributionModel, AttributionReport.Summary> attributionAllModels(Mode mode, Period period) {
        return attributionRun(mode, period).summaries();
    }

    Attribution attribution(Mode mode, Period period, AttributionModel model) {
        AttributionEngine.Result r = attributionRun(mode, period);
        return new Attribution(period, r.summary(model), r.outcomes());
    }

    private AttributionEngine.Result attributionRun(Mode mode, Period period) {
        return AttributionEngine.run(facts.attributionFacts(mode, period.startInstant(), period.endExclusive()), properties.attributionLookbackDays());
    }

    /** Closed deals in the period with their journeys; optionally only those a partner sourced, touched or got credit for. */
    List<Journey> journeys(Mode mode, Period period) {
        Map<String, List<Touch>> touches = facts.touchesOfClosedDeals(mode, period.startInstant(), period.endExclusive());
        List<Journey> out = new ArrayList<>();
        for (Opportunity o : facts.closedOpportunities(mode, period.startInstant(), period.endExclusive())) {
            out.add(Journey.of(o, touches.getOrDefault(o.account(), List.of()), properties.attributionLookbackDays()));
        }
        return out;
    }

    java.util.Optional<Journey> journey(Mode mode, String opportunityId) {
        return facts.opportunity(mode, opportunityId)
                .map(o -> Journey.of(o, facts.touchesOf(mode, o.account()), properties.attributionLookbackDays()));
    }

    record AdoptionReport(Period period, List<Adoption.MonthActivation> activation, List<Adoption.CohortTiming> cohorts,
            long partners, long activePartners, java.math.BigDecimal partnerAdoptionRate, boolean partnerActivityImported) {
    }

    AdoptionReport adoption(Mode mode, Period period) {
        Map<String, long[]> monthEnds = new HashMap<>();
        facts.forEachTimeline(mode, t -> {
            long[] m = t.monthEnds(period.from(), period.to());
            for (long v : m) {
                if (v > 0) {
                    monthEnds.put(t.account(), m);
                    break;
                }
            }
        });
        List<Install> installs = facts.installs(mode);
        List<Adoption.MonthActivation> activation = Adoption.activation(period.from(), period.to(), monthEnds, installs);
        Map<String, LocalDate> signups = accounts.signups(mode);
        java.time.Instant asOf = min(period.endExclusive(), clock.instant());
        List<Adoption.CohortTiming> cohorts = Adoption.cohorts(signups, installs, period.from(), period.to(), asOf);
        long partners = accounts.partnerCount();
        long active = facts.activePartners(mode, period.from(), period.to());
        return new AdoptionReport(period, activation, cohorts, partners, active, Ratios.of(active, partners),
                facts.partnersWithActivityRows(mode) > 0);
    }

    private static java.time.Instant min(java.time.Instant a, java.time.Instant b) {
        return a.isBefore(b) ? a : b;
    }

    YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(java.time.ZoneOffset.UTC));
    }
}
