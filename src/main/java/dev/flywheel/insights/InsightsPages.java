package dev.flywheel.insights;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.svg.Charts;
import dev.flywheel.platform.web.ApiException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The insights dashboard: retention by depth, cohorts, attribution compared, adoption trend and the scorecard, as SVG charts. */
@Controller
class InsightsPages {

    private static final String OWNER_STAFF = "hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER','ANALYST')";

    private final InsightsQueries queries;
    private final Scorecard scorecard;
    private final PartnerPipeline pipeline;
    private final FactExports exports;
    private final AccountDirectory directory;
    private final InsightsProperties properties;
    private final Clock clock;

    InsightsPages(InsightsQueries queries, Scorecard scorecard, PartnerPipeline pipeline, FactExports exports, AccountDirectory directory,
            InsightsProperties properties, Clock clock) {
        this.queries = queries;
        this.scorecard = scorecard;
        this.pipeline = pipeline;
        this.exports = exports;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/console/insights")
    @PreAuthorize(OWNER_STAFF)
    String dashboard(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Caller caller, Model model) {
        Period period;
        try {
            period = Period.months(from, to, clock);
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
            period = Period.months(null, null, clock);
        }
        model.addAttribute("from", period.from().toString());
        model.addAttribute("to", period.to().toString());
        model.addAttribute("currency", properties.currency());

        InsightsQueries.Retention retention = queries.retention(caller.mode(), period);
        model.addAttribute("segments", retention.segments().stream().map(x -> Map.of("segment", x.segment(), "customers", x.customers(),
                "startMrr", money(x.startMrr()), "nrr", text(x.nrr()), "grr", text(x.grr()), "logoChurn", text(x.logoChurn()))).toList());
        model.addAttribute("nrrChart", Charts.groupedBars("NRR and GRR by integration depth",
                retention.segments().stream().map(s -> "depth " + s.segment()).toList(),
                List.of(new Charts.Series("NRR", retention.segments().stream().map(s -> d(s.nrr())).toList()),
                        new Charts.Series("GRR", retention.segments().stream().map(s -> d(s.grr())).toList())), "%.2f"));

        List<CohortHeatmap.Row> cohorts = queries.cohorts(caller.mode(), period);
        model.addAttribute("cohortChart", cohortChart(cohorts));
        model.addAttribute("hasCohorts", !cohorts.isEmpty());

        Map<AttributionModel, AttributionReport.Summary> models = queries.attributionAllModels(caller.mode(), period);
        List<String> names = new ArrayList<>();
        List<Double> partnerShare = new ArrayList<>();
        for (AttributionReport.Summary s : models.values()) {
            names.add(s.model().wire().replace('_', ' '));
            partnerShare.add(s.partnerAttributedRevenue() / 100.0);
        }
        AttributionReport.Summary linear = models.get(AttributionModel.LINEAR);
        model.addAttribute("attribution", linear);
        model.addAttribute("attributionChart", Charts.bars("Partner-attributed revenue by model (" + properties.currency() + ")", names, partnerShare, "%,.0f"));
        model.addAttribute("partnerRows", linear.partners().stream().limit(10).map(r -> Map.of(
                "id", r.partnerId(), "name", directory.partnerName(r.partnerId()), "sourced", money(r.sourcedRevenue()),
                "influenced", money(r.influencedRevenue()), "attributed", money(r.attributedRevenue()))).toList());
        model.addAttribute("money", Map.of("total", money(linear.totalRevenue()), "sourced", money(linear.sourcedRevenue()),
                "influenced", money(linear.influencedRevenue()), "direct", money(linear.directRevenue())));

        PartnerPipeline.Figures deals = pipeline.figures(caller.mode(), period);
        model.addAttribute("pipeline", Map.of("registrations", deals.registrations(), "open", money(deals.openPipeline()),
                "won", money(deals.wonAmount()), "winRate", deals.winRate() == null ? "—" : String.format(Locale.ROOT, "%.1f%%", deals.winRate().doubleValue() * 100),
                "other", deals.otherCurrencyRegistrations()));
        model.addAttribute("pipelineRows", deals.byStatus().stream().map(x -> Map.of("status", x.status(), "registrations", x.registrations(),
                "estimated", money(x.estimatedAmount()))).toList());
        model.addAttribute("pipelineChart", Charts.bars("Deal registrations by status (estimated " + properties.currency() + ")",
                deals.byStatus().stream().map(PartnerPipeline.Status::status).toList(),
                deals.byStatus().stream().map(x -> x.estimatedAmount() / 100.0).toList(), "%,.0f"));
        model.addAttribute("exportTables", FactExports.tables());

        InsightsQueries.AdoptionReport adoption = queries.adoption(caller.mode(), period);
        model.addAttribute("partnerActivity", adoption.partnerActivityImported()
                ? adoption.activePartners() + " of " + adoption.partners() : "no data yet (import partner activity)");
        model.addAttribute("adoptionCohorts", adoption.cohorts().stream().map(c -> Map.of("cohort", c.cohort().toString(), "accounts", c.accounts(),
                "integrated", c.integrated(), "median", text(c.medianDays()), "p75", text(c.p75Days()),
                "perCustomer", text(c.integrationsPerCustomer()))).toList());
        model.addAttribute("adoptionChart", Charts.lines("Activation rate (paying customers with ≥ 1 integration)",
                adoption.activation().stream().map(m -> m.month().toString()).toList(),
                List.of(new Charts.Series("activation", adoption.activation().stream().map(m -> d(m.rate())).toList())), "%.2f"));

        Scorecard.Card card = scorecard.card(caller.mode());
        model.addAttribute("quarters", card.quarters());
        model.addAttribute("scorecard", card.metrics().stream().map(m -> Map.of("name", m.name(), "values",
                m.values().stream().map(v -> show(v, m.unit())).toList(), "baseline", show(m.baseline(), m.unit()),
                "delta", show(m.delta(), m.unit()), "missing", m.missing() == null ? "" : m.missing())).toList());
        return "insights/dashboard";
    }

    @GetMapping("/console/insights/exports/{table}.{format}")
    @PreAuthorize(OWNER_STAFF)
    void export(@PathVariable String table, @PathVariable String format, Caller caller, HttpServletResponse response) throws IOException {
        exports.write(table, format, caller.mode(), response);
    }

    private static String cohortChart(List<CohortHeatmap.Row> rows) {
        int ages = rows.stream().mapToInt(r -> r.cells().size()).max().orElse(0);
        List<String> columns = new ArrayList<>();
        for (int k = 0; k < ages; k++) {
            columns.add("+" + k);
        }
        Double[][] values = new Double[rows.size()][ages];
        String[][] texts = new String[rows.size()][ages];
        for (int r = 0; r < rows.size(); r++) {
            for (CohortHeatmap.Cell c : rows.get(r).cells()) {
                values[r][c.age()] = d(c.mrrRetention());
                texts[r][c.age()] = c.mrrRetention() == null ? "" : Math.round(c.mrrRetention().doubleValue() * 100) + "%";
            }
        }
        return Charts.heatmap("Revenue cohort retention (MRR k months after the first paying month)",
                rows.stream().map(r -> r.cohort() + " (" + r.accounts() + ")").toList(), columns, values, texts, 1.2);
    }

    private String money(long minor) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.US);
        f.setMaximumFractionDigits(0);
        return f.format(minor / 100.0) + " " + properties.currency();
    }

    private String show(Double v, String unit) {
        if (v == null) {
            return "—";
        }
        return switch (unit) {
            case "money" -> money(Math.round(v));
            case "ratio" -> String.format(Locale.ROOT, "%.1f%%", v * 100);
            default -> String.format(Locale.ROOT, "%.0f", v);
        };
    }

    private static String text(BigDecimal b) {
        return b == null ? "—" : b.stripTrailingZeros().toPlainString();
    }

    private static Double d(BigDecimal b) {
        return b == null ? null : b.doubleValue();
    }
}
