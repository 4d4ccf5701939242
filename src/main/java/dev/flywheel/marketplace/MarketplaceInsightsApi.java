package dev.flywheel.marketplace;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/marketplace")
@Tag(name = "Marketplace insights", description = "In-product prompts, partner funnels and certification")
class MarketplaceInsightsApi {

    record PromptView(MarketplaceViews.ListingSummary listing, BigDecimal score, BigDecimal contextRelevance, BigDecimal coInstallAffinity,
            String reason) {
    }

    record DayView(LocalDate date, Map<String, Long> counts) {
    }

    record FunnelView(String listingId, LocalDate from, LocalDate to, Map<String, Long> totals, List<DayView> days,
            List<Funnel.ScopeDropOff> scopes) {
    }

    record HealthBody(BigDecimal webhookSuccessRate, BigDecimal apiErrorRate) {
    }

    record CertificationView(String listingId, String tier, List<CriterionView> criteria, List<HistoryView> history) {
    }

    record CriterionView(String tier, String name, boolean met, String detail) {
    }

    record HistoryView(String from, String to, String reason, Instant at) {
    }

    private final Prompts prompts;
    private final Funnel funnel;
    private final Listings listings;
    private final Certifications certifications;
    private final Clock clock;

    MarketplaceInsightsApi(Prompts prompts, Funnel funnel, Listings listings, Certifications certifications, Clock clock) {
        this.prompts = prompts;
        this.funnel = funnel;
        this.listings = listings;
        this.certifications = certifications;
        this.clock = clock;
    }

    @GetMapping("/prompts")
    @Operation(summary = "The listing to suggest in the product now",
            description = "Owner keys (the product). Given a customer account and what it just did (`context`, e.g. \"created first "
                    + "workspace\"), the most relevant app it has not installed, learned from co-installs of same-segment accounts. "
                    + "204 when there is nothing worth suggesting.")
    ResponseEntity<PromptView> prompt(@RequestParam("account_id") String accountId, @RequestParam(required = false) String context,
            Caller caller) {
        caller.requireOwner();
        return prompts.suggest(accountId, context)
                .map(s -> ResponseEntity.ok(new PromptView(MarketplaceViews.summary(s.listing()), MarketplaceViews.round(s.score(), 4),
                        MarketplaceViews.round(s.relevance(), 4), MarketplaceViews.round(s.affinity(), 4), s.reason())))
                .orElse(ResponseEntity.noContent().build());
    }

    @GetMapping("/managed-listings/{id}/funnel")
    @Operation(summary = "A listing's funnel", description = "The listing's partner or the owner. Daily views → install clicks → consent "
            + "shown → installed → activated → retained 30 days, and consent drop-off per requested scope. `days` defaults to 30.")
    FunnelView funnel(@PathVariable String id, @RequestParam(required = false) Integer days, Caller caller) {
        Listing listing = listings.visibleListing(caller, id);
        int span = days == null ? 30 : days;
        if (span < 1 || span > 366) {
            throw ApiException.invalid("days", "must be between 1 and 366");
        }
        LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = to.minusDays(span - 1L);
        Funnel.Report report = funnel.report(listing.id(), from, to);
        return new FunnelView(listing.id(), from, to, report.totals(), report.days().stream().map(d -> new DayView(d.date(), d.counts())).toList(),
                report.scopes());
    }

    @GetMapping("/managed-listings/{id}/certification")
    @Operation(summary = "A listing's certification", description = "The tier, every criterion with its measured value, and the history of changes.")
    CertificationView certification(@PathVariable String id, Caller caller) {
        Listing listing = listings.visibleListing(caller, id);
        return view(listing.id(), certifications.evaluate(listing.id()));
    }

    @PutMapping("/managed-listings/{id}/health")
    @Operation(summary = "Report an app's measured health",
            description = "Owner keys (the product). Webhook delivery success and API error rate over the last 30 days, as shares "
                    + "(0.995). Certification is re-evaluated at once: it lapses when health drops and returns when it recovers.")
    CertificationView health(@PathVariable String id, @RequestBody HealthBody body, Caller caller) {
        return view(id, certifications.reportHealth(caller, id, body.webhookSuccessRate(), body.apiErrorRate()));
    }

    private CertificationView view(String listingId, CertificationRules.Evaluation evaluation) {
        return new CertificationView(listingId, evaluation.tier().wire(),
                evaluation.criteria().stream().map(c -> new CriterionView(c.tier().wire(), c.name(), c.met(), c.detail())).toList(),
                certifications.history(listingId).stream().map(h -> new HistoryView(h.from().wire(), h.to().wire(), h.reason(), h.at())).toList());
    }
}
