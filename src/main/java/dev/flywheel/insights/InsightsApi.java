package dev.flywheel.insights;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/insights")
@Tag(name = "Insights", description = "Retention by integration depth, partner attribution, integration adoption")
class InsightsApi {

    record SegmentView(String segment, long customers, long startMrr, long endMrr, BigDecimal nrr, BigDecimal grr, BigDecimal logoChurn,
            long churnedCustomers) {
        static SegmentView of(RetentionCalculator.Segment s) {
            return new SegmentView(s.segment(), s.customers(), s.startMrr(), s.endMrr(), s.nrr(), s.grr(), s.logoChurn(), s.churnedCustomers());
        }
    }

    record RetentionView(String object, String by, String from, String to, String currency, List<SegmentView> data, SegmentView total,
            String formulas) {
    }

    record PartnerView(String partnerId, String partnerName, long sourcedRevenue, long sourcedDeals, long influencedRevenue,
            long influencedDeals, long attributedRevenue) {
    }

    record OutcomeView(long closedDeals, long wonDeals, BigDecimal winRate, Long averageDealSize, BigDecimal medianDaysToClose) {
        static OutcomeView of(AttributionReport.Outcome o) {
            return new OutcomeView(o.closedDeals(), o.wonDeals(), o.winRate(), o.averageDealSize(), o.medianDaysToClose());
        }
    }

    record AttributionView(String object, String model, String from, String to, String currency, long wonDeals, long totalRevenue,
            long sourcedRevenue, long influencedRevenue, long directRevenue, long partnerAttributedRevenue, long ownerAttributedRevenue,
            long unattributedRevenue, List<PartnerView> partners, OutcomeView withPartner, OutcomeView withoutPartner) {
    }

    record TouchView(String id, String kind, String partnerId, Instant occurredAt, Map<String, BigDecimal> credit) {
    }

    record JourneyView(String object, String opportunityId, String accountId, String status, long amount, Instant createdAt,
            Instant closedAt, String classification, String sourcedBy, List<String> partners, List<TouchView> touches) {
    }

    private final InsightsQueries queries;
    private final AccountDirectory directory;
    private final InsightsProperties properties;
    private final Clock clock;
    private final Scorecard scorecard;
    private final PartnerPipeline pipeline;

    InsightsApi(InsightsQueries queries, AccountDirectory directory, InsightsProperties properties, Clock clock, Scorecard scorecard,
            PartnerPipeline pipeline) {
        this.scorecard = scorecard;
        this.pipeline = pipeline;
        this.queries = queries;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/retention")
    @Operation(summary = "NRR, GRR and logo churn by integration depth", description = """
            One entry per depth segment `0`, `1-2`, `3+` (distinct integrations active at the start of the period), plus the total. \
            Over the customers paying at the end of the month before `from` (new business excluded): \
            NRR = Σ end MRR / Σ start MRR; GRR = Σ min(end, start) / Σ start MRR; logo churn = share with end MRR 0. \
            End MRR is at the end of `to`. Ratios are decimals (1.08 = 108%), null when a segment has no customers. Owner only.""")
    RetentionView retention(@RequestParam(defaultValue = "integration_depth") String by,
            @Parameter(description = "first month, YYYY-MM") @RequestParam(required = false) String from,
            @Parameter(description = "last month, YYYY-MM") @RequestParam(required = false) String to, Caller caller) {
        caller.requireOwner();
        if (!"integration_depth".equals(by)) {
            throw ApiException.invalid("by", "must be integration_depth");
        }
        InsightsQueries.Retention r = queries.retention(caller.mode(), Period.months(from, to, clock));
        return new RetentionView("retention", by, r.period().from().toString(), r.period().to().toString(), properties.currency(),
                r.segments().stream().map(SegmentView::of).toList(), SegmentView.of(r.total()),
                "start = MRR at end of month before from; cohort = start > 0; nrr = sum(end)/sum(start); "
                        + "grr = sum(min(end,start))/sum(start); logo_churn = count(end = 0)/count(cohort)");
    }

    @GetMapping("/mrr-movements")
    @Operation(summary = "Monthly MRR movements", description = "New, expansion, contraction, churn and reactivation per month, from month-end MRR.")
    Map<String, Object> movements(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Caller caller) {
        caller.requireOwner();
        Period p = Period.months(from, to, clock);
        return Map.of("object", "mrr_movements", "currency", properties.currency(), "data", queries.movements(caller.mode(), p));
    }

    @GetMapping("/cohorts")
    @Operation(summary = "Revenue cohort retention heatmap", description = "Cohort = first month with MRR; each cell is the cohort's MRR k months later over its first month's MRR.")
    Map<String, Object> cohorts(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Caller caller) {
        caller.requireOwner();
        return Map.of("object", "cohorts", "data", queries.cohorts(caller.mode(), Period.months(from, to, clock)));
    }

    @GetMapping("/partner-pipeline")
    @Operation(summary = "Partner-sourced pipeline from deal registrations", description = """
            Deal registrations created between `from` and `to` (months, YYYY-MM, inclusive), from the partner program, by their status \
            today: counts and estimated amounts per status, `open_pipeline` (estimates of submitted and approved registrations), \
            `won_amount` and `win_rate` = won / (won + lost). Amounts in minor units of the reporting currency; registrations in \
            other currencies are only counted (`other_currency_registrations`).""")
    Map<String, Object> partnerPipeline(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Caller caller) {
        caller.requireOwner();
        return Map.of("object", "partner_pipeline", "data", pipeline.figures(caller.mode(), Period.months(from, to, clock)));
    }

    @GetMapping("/attribution")
    @Operation(summary = "Partner-sourced, -influenced and model-attributed revenue", description = """
            Over opportunities won between `from` and `to` (months, YYYY-MM, inclusive). Sourced: a partner registered or created the \
            deal before the owner's first touch. Influenced: not sourced, with a partner touch before close. Direct: neither. \
            The model (first_touch, last_touch, linear, u_shaped = 40/20/40, time_decay = 7-day half-life) shares each deal among its \
            touches; `partners` lists each partner's sourced, influenced and model-attributed revenue. Amounts in minor units.""")
    AttributionView attribution(@RequestParam(defaultValue = "linear") String model, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Caller caller) {
        caller.requireOwner();
        AttributionModel m = model(model);
        InsightsQueries.Attribution a = queries.attribution(caller.mode(), Period.months(from, to, clock), m);
        return view(a.period(), a.summary(), a.outcomes());
    }

    AttributionView view(Period period, AttributionReport.Summary s, AttributionReport.Outcomes outcomes) {
        List<PartnerView> partners = new ArrayList<>();
        for (AttributionReport.PartnerRow r : s.partners()) {
            partners.add(new PartnerView(r.partnerId(), directory.partnerName(r.partnerId()), r.sourcedRevenue(), r.sourcedDeals(),
                    r.influencedRevenue(), r.influencedDeals(), r.attributedRevenue()));
        }
        return new AttributionView("attribution", s.model().wire(), period.from().toString(), period.to().toString(), properties.currency(),
                s.wonDeals(), s.totalRevenue(), s.sourcedRevenue(), s.influencedRevenue(), s.directRevenue(), s.partnerAttributedRevenue(),
                s.ownerAttributedRevenue(), s.unattributedRevenue(), partners,
                outcomes == null ? null : OutcomeView.of(outcomes.withPartner()), outcomes == null ? null : OutcomeView.of(outcomes.withoutPartner()));
    }

    @GetMapping("/attribution/deals")
    @Operation(summary = "Drill down: the deals behind an attribution figure", description = """
            Closed deals in the period with their classification; filter by `partner_id` (deals the partner sourced or touched) \
            and `classification` (sourced, influenced, direct). Each deal links to its touches at /attribution/deals/{id}.""")
    Map<String, Object> deals(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(name = "partner_id", required = false) String partnerId, @RequestParam(required = false) String classification,
            @RequestParam(defaultValue = "false") boolean lost, Caller caller) {
        caller.requireOwner();
        List<JourneyView> out = new ArrayList<>();
        for (Journey j : queries.journeys(caller.mode(), Period.months(from, to, clock))) {
            if (!lost && !j.opportunity().won()) {
                continue;
            }
            if (partnerId != null && !partnerId.equals(j.sourcedBy()) && !j.partners().contains(partnerId)) {
                continue;
            }
            if (classification != null && !classification.equals(classification(j))) {
                continue;
            }
            out.add(journeyView(j));
        }
        return Map.of("object", "list", "data", out);
    }

    @GetMapping("/attribution/deals/{opportunityId}")
    @Operation(summary = "Drill down: one deal's touches and each model's credit for them")
    JourneyView deal(@PathVariable String opportunityId, Caller caller) {
        caller.requireOwner();
        return queries.journey(caller.mode(), opportunityId).map(this::journeyView)
                .orElseThrow(() -> ApiException.notFound("opportunity", opportunityId));
    }

    static String classification(Journey j) {
        return j.sourced() ? "sourced" : j.influenced() ? "influenced" : "direct";
    }

    JourneyView journeyView(Journey j) {
        Map<AttributionModel, double[]> weights = new java.util.EnumMap<>(AttributionModel.class);
        for (AttributionModel m : AttributionModel.values()) {
            weights.put(m, j.weights(m));
        }
        List<TouchView> touches = new ArrayList<>();
        for (int i = 0; i < j.touches().size(); i++) {
            Touch t = j.touches().get(i);
            Map<String, BigDecimal> credit = new java.util.LinkedHashMap<>();
            for (AttributionModel m : AttributionModel.values()) {
                credit.put(m.wire(), Ratios.of(weights.get(m)[i]));
            }
            touches.add(new TouchView(t.id(), t.kind(), t.partnerId(), t.occurredAt(), credit));
        }
        Opportunity o = j.opportunity();
        return new JourneyView("deal", o.id(), o.account(), o.status(), o.amount(), o.createdAt(), o.closedAt(), classification(j),
                j.sourcedBy(), List.copyOf(j.partners()), touches);
    }

    @GetMapping("/adoption")
    @Operation(summary = "Integration adoption", description = """
            Activation rate per month (paying customers with ≥ 1 active integration), time to first integration (median and p75 \
            days) and integrations per customer by monthly signup cohort, and the share of partners whose apps made API calls or \
            received events in the period (from imported partner activity).""")
    InsightsQueries.AdoptionReport adoption(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Caller caller) {
        caller.requireOwner();
        return queries.adoption(caller.mode(), Period.months(from, to, clock));
    }

    @GetMapping("/scorecard")
    @Operation(summary = "The compounding scorecard", description = """
            The last four complete quarters: integration adoption rate, NRR gap (depth 3+ minus 0), partner-sourced and -influenced             revenue, marketplace GMV, A/B feature impact and user-generated assets, each with baseline (first quarter) and delta             (last minus previous quarter). A metric without a source says why in `missing` instead of showing 0.""")
    Map<String, Object> scorecard(Caller caller) {
        caller.requireOwner();
        Scorecard.Card card = scorecard.card(caller.mode());
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (Scorecard.Metric m : card.metrics()) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("name", m.name());
            row.put("unit", m.unit());
            row.put("values", m.values());
            row.put("baseline", m.baseline());
            row.put("delta", m.delta());
            row.put("missing", m.missing());
            metrics.add(row);
        }
        return Map.of("object", "scorecard", "currency", properties.currency(), "quarters", card.quarters(), "metrics", metrics);
    }

    static AttributionModel model(String value) {
        AttributionModel m = AttributionModel.fromWire(value);
        if (m == null) {
            throw ApiException.invalid("model", "must be one of first_touch, last_touch, linear, u_shaped, time_decay");
        }
        return m;
    }
}
