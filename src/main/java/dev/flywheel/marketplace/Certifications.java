package dev.flywheel.marketplace;

import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.web.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps every live listing's certification tier equal to what {@link CertificationRules} say of
 * its current figures: after installs and reviews change, when the product reports health, and
 * hourly. Webhook delivery success and the API error rate are measured over the last 30 days for
 * the listing's linked app (from the webhooks module's attempt log and the developer module's usage
 * report); a figure Flywheel has not measured (no app, no delivery attempted, no API call) falls
 * back to what the product reported, and counts as not met without either. Each change is recorded with its reason; evaluating twice changes nothing.
 */
@Service
class Certifications {

    record HistoryEntry(CertificationTier from, CertificationTier to, String reason, Instant at) {
    }

    record Health(BigDecimal webhookSuccessRate, BigDecimal apiErrorRate, Instant reportedAt) {
    }

    private final JdbcClient jdbc;
    private final ListingRepository listings;
    private final SignalsRepository signals;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final MarketplaceProperties properties;
    private final Clock clock;
    private final dev.flywheel.webhooks.AppWebhookHealth webhookHealth;
    private final dev.flywheel.developer.AppApiTraffic apiTraffic;

    Certifications(JdbcClient jdbc, ListingRepository listings, SignalsRepository signals, AuditLog audit, ApplicationEventPublisher events,
            MarketplaceProperties properties, Clock clock, dev.flywheel.webhooks.AppWebhookHealth webhookHealth,
            dev.flywheel.developer.AppApiTraffic apiTraffic) {
        this.webhookHealth = webhookHealth;
        this.apiTraffic = apiTraffic;
        this.jdbc = jdbc;
        this.listings = listings;
        this.signals = signals;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(SignalsChanged event) {
        evaluate(event.listingId());
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void hourly() {
        for (ListingRepository.Live live : listings.live()) {
            evaluate(live.listing().id());
        }
    }

    /** Re-evaluates one listing and records a change of tier; returns the evaluation. */
    @Transactional
    CertificationRules.Evaluation evaluate(String listingId) {
        Listing listing = listings.find(listingId).orElseThrow(() -> ApiException.notFound("listing", listingId));
        CertificationRules.Evaluation evaluation = CertificationRules.evaluate(inputs(listing));
        if (evaluation.tier() != listing.tier()) {
            String reason = evaluation.tier().compareTo(listing.tier()) > 0 ? "criteria met"
                    : "lapsed: " + String.join(", ", evaluation.criteria().stream()
                            .filter(c -> !c.met() && c.tier().compareTo(evaluation.tier()) > 0 && c.tier().compareTo(listing.tier()) <= 0)
                            .map(c -> c.name() + " (" + c.detail() + ")").toList());
            Instant now = clock.instant();
            listings.setTier(listing.id(), evaluation.tier(), now);
            jdbc.sql("""
                    insert into mkt_certification_history (id, listing_id, from_tier, to_tier, reason, occurred_at)
                    values (:id, :l, :from, :to, :reason, :at)""")
                    .param("id", Ids.next("cer")).param("l", listing.id()).param("from", listing.tier().wire()).param("to", evaluation.tier().wire())
                    .param("reason", reason).param("at", Sql.at(now)).update();
            audit.record(listing.partnerId(), "listing.certification_changed", listing.id(), listing.tier().wire() + " → "
                    + evaluation.tier().wire() + ": " + reason);
            events.publishEvent(new TierChanged(listing.id(), listing.tier(), evaluation.tier()));
        }
        return evaluation;
    }

    /** The product (owner key) reports an app's measured health over the last 30 days. */
    @Transactional
    CertificationRules.Evaluation reportHealth(Caller caller, String listingId, BigDecimal webhookSuccessRate, BigDecimal apiErrorRate) {
        caller.requireOwner();
        Listing listing = listings.find(listingId).orElseThrow(() -> ApiException.notFound("listing", listingId));
        for (BigDecimal rate : new BigDecimal[] {webhookSuccessRate, apiErrorRate}) {
            if (rate != null && (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0)) {
                throw ApiException.invalid("rate", "rates are shares between 0 and 1, e.g. 0.995");
            }
        }
        int updated = jdbc.sql("update mkt_listing_health set webhook_success_rate = :w, api_error_rate = :e, reported_at = :at where listing_id = :l")
                .param("w", webhookSuccessRate).param("e", apiErrorRate).param("at", Sql.at(clock.instant())).param("l", listing.id()).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into mkt_listing_health (listing_id, webhook_success_rate, api_error_rate, reported_at) values (:l, :w, :e, :at)
                    on conflict do nothing""")
                    .param("w", webhookSuccessRate).param("e", apiErrorRate).param("at", Sql.at(clock.instant())).param("l", listing.id()).update();
        }
        return evaluate(listing.id());
    }

    List<HistoryEntry> history(String listingId) {
        return jdbc.sql("select * from mkt_certification_history where listing_id = :l order by id").param("l", listingId)
                .query((rs, n) -> new HistoryEntry(CertificationTier.fromWire(rs.getString("from_tier")),
                        CertificationTier.fromWire(rs.getString("to_tier")), rs.getString("reason"), Sql.instant(rs, "occurred_at")))
                .list();
    }

    private CertificationRules.Inputs inputs(Listing listing) {
        Instant now = clock.instant();
        SignalsRepository.Raw raw = signals.load(listing.id(), now, properties.installHalfLife()).getOrDefault(listing.id(),
                SignalsRepository.Raw.none(now));
        double bayes = RankingFormula.bayesianRating(raw.reviewCount(), raw.starSum(),
                new RankingFormula.Prior(signals.meanRating(), properties.ratingPriorWeight()));
        double completeness = listing.publishedVersionId() == null ? 0
                : listings.version(listing.publishedVersionId()).map(v -> Completeness.of(v.content()).score()).orElse(0.0);
        Health health = jdbc.sql("select * from mkt_listing_health where listing_id = :l").param("l", listing.id())
                .query((rs, n) -> new Health(rs.getBigDecimal("webhook_success_rate"), rs.getBigDecimal("api_error_rate"),
                        Sql.instant(rs, "reported_at"))).optional().orElse(null);
        // Health older than 30 days no longer says anything about the app.
        boolean fresh = health != null && health.reportedAt().isAfter(now.minus(java.time.Duration.ofDays(30)));
        Double reportedWebhooks = fresh && health.webhookSuccessRate() != null ? health.webhookSuccessRate().doubleValue() : null;
        Double reportedApi = fresh && health.apiErrorRate() != null ? health.apiErrorRate().doubleValue() : null;
        Double measuredWebhooks = null;
        Double measuredApi = null;
        if (listing.appId() != null) {
            measuredWebhooks = webhookHealth.of(listing.appId(), now, java.time.Duration.ofDays(30)).current().successRate();
            java.time.LocalDate today = now.atOffset(java.time.ZoneOffset.UTC).toLocalDate();
            measuredApi = apiTraffic.of(listing.appId(), today.minusDays(29), today.plusDays(1)).errorRate();
        }
        return new CertificationRules.Inputs(raw.activeInstalls(), raw.reviewCount(), bayes, completeness,
                measuredWebhooks != null ? measuredWebhooks : reportedWebhooks, measuredApi != null ? measuredApi : reportedApi);
    }
}
