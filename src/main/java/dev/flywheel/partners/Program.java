package dev.flywheel.partners;

import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.Settings;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each partner's place in the program: tier, founding status, the measured numbers behind the tier
 * rules, the daily evaluation and the tier history.
 */
@Service
class Program {

    private static final Logger log = LoggerFactory.getLogger(Program.class);
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    static final String FOUNDING_OFFER_ENDS = "partners.founding_offer_ends";
    static final String FOUNDING_RATE_MONTHS = "partners.founding_rate_months";

    private final ProgramRepository repository;
    private final DealRepository deals;
    private final Enablement enablement;
    private final Ledger ledger;
    private final Settings settings;
    private final PartnersProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Program(ProgramRepository repository, DealRepository deals, Enablement enablement, Ledger ledger, Settings settings,
            PartnersProperties properties, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.deals = deals;
        this.enablement = enablement;
        this.ledger = ledger;
        this.settings = settings;
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    List<TierRules.Tier> tiers() {
        return repository.tiers();
    }

    /** The partner's membership, joining it to the entry tier on first use. */
    @Transactional
    ProgramRepository.Membership membership(String partnerId) {
        Optional<ProgramRepository.Membership> existing = repository.membership(partnerId);
        if (existing.isPresent()) {
            return existing.get();
        }
        join(partnerId, false);
        return repository.membership(partnerId).orElseThrow();
    }

    /** Joins a partner; with {@code offerFounding}, the founding-partner rates apply if the offer is still open today. */
    @Transactional
    void join(String partnerId, boolean offerFounding) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Optional<FoundingOffer> offer = foundingOffer().filter(o -> offerFounding && !today.isAfter(o.endsOn()));
        String entry = repository.tiers().get(0).name();
        repository.join(partnerId, entry, offer.isPresent(), offer.map(o -> today.plusMonths(o.rateMonths())).orElse(null), now);
        repository.insertChange(partnerId, null, entry, "joined", offer.isPresent()
                ? "joined as a founding partner: elevated rates until " + today.plusMonths(offer.get().rateMonths()) : "joined the program",
                Map.of(), now);
    }

    /** The time-boxed founding partner offer: partners approved until {@code endsOn} get elevated rates for {@code rateMonths}. */
    record FoundingOffer(LocalDate endsOn, int rateMonths) {
    }

    Optional<FoundingOffer> foundingOffer() {
        return settings.get(FOUNDING_OFFER_ENDS).map(LocalDate::parse)
                .map(end -> new FoundingOffer(end, settings.get(FOUNDING_RATE_MONTHS).map(Integer::parseInt).orElse(12)));
    }

    void setFoundingOffer(LocalDate endsOn, int rateMonths) {
        settings.put(FOUNDING_OFFER_ENDS, endsOn.toString());
        settings.put(FOUNDING_RATE_MONTHS, String.valueOf(rateMonths));
    }

    /** The numbers the tier rules look at, over the rolling window ending today. */
    Map<String, BigDecimal> metrics(String partnerId, Instant now) {
        Instant since = now.minus(properties.tierWindow());
        List<DealRegistration> won = deals.wonSince(partnerId, LocalDate.ofInstant(since, ZoneOffset.UTC));
        BigDecimal sourced = BigDecimal.ZERO;
        for (DealRegistration d : won) {
            Money value = d.wonValue();
            Instant at = d.closedOn().atStartOfDay().toInstant(ZoneOffset.UTC);
            Optional<BigDecimal> rate = ledger.exchangeRate(value.currency(), at);
            if (rate.isPresent()) {
                sourced = sourced.add(new BigDecimal(value.toDecimalString()).multiply(rate.get()));
            } else {
                log.warn("No {} -> {} exchange rate for {}: its revenue is left out of tier metrics", value.currency(), ledger.reportingCurrency(), d.id());
            }
        }
        Map<String, BigDecimal> metrics = new LinkedHashMap<>();
        metrics.put(TierRules.Metric.DEALS_CLOSED.key, BigDecimal.valueOf(won.size()));
        metrics.put(TierRules.Metric.SOURCED_REVENUE.key, sourced.setScale(2, RoundingMode.HALF_EVEN));
        metrics.put(TierRules.Metric.MANAGED_CUSTOMERS.key, BigDecimal.valueOf(won.stream().map(DealRegistration::domain).distinct().count()));
        metrics.put(TierRules.Metric.CERTIFIED_STAFF.key, BigDecimal.valueOf(enablement.certifiedStaff(partnerId, now)));
        metrics.put(TierRules.Metric.TRAININGS_COMPLETED.key, BigDecimal.valueOf(enablement.completedSince(partnerId, since, now)));
        return metrics;
    }

    String progress(String partnerId) {
        return TierRules.progress(membership(partnerId).tier(), metrics(partnerId, clock.instant()), tiers());
    }

    /** Evaluates one partner as of {@code now}: records any change with its numbers and publishes tier changes. */
    @Transactional
    TierRules.Decision evaluate(String partnerId, Instant now) {
        ProgramRepository.Membership m = membership(partnerId);
        Map<String, BigDecimal> metrics = metrics(partnerId, now);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        TierRules.Decision d = TierRules.evaluate(m.tier(), metrics, tiers(), m.belowSince(), properties.tierGraceDays(), today);
        String kind = d.change().name().toLowerCase(Locale.ROOT);
        switch (d.change()) {
            case UPGRADE, DOWNGRADE -> {
                repository.setTier(partnerId, d.tier(), null, now);
                repository.insertChange(partnerId, m.tier(), d.tier(), kind, d.reason(), metrics, now);
                events.publishEvent(new PartnerTierChanged(partnerId, m.tier(), d.tier(), d.reason(), Map.copyOf(metrics), now));
            }
            case GRACE_STARTED, RECOVERED -> {
                repository.setBelowSince(partnerId, d.belowSince());
                repository.insertChange(partnerId, m.tier(), m.tier(), kind, d.reason(), metrics, now);
            }
            case IN_GRACE, UNCHANGED -> {
            }
        }
        return d;
    }

    /**
     * Today's evaluation of every partner, run by exactly one node: the node that inserts today's
     * row in {@code partner_tier_runs}. Returns how many partners it evaluated (0 on other nodes).
     */
    int evaluateDaily(Instant now, String node) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Boolean claimed = transactions.execute(s -> repository.claimRun(today, node, now));
        if (!Boolean.TRUE.equals(claimed)) {
            return 0;
        }
        int evaluated = 0;
        for (String partnerId : repository.members()) {
            try {
                transactions.executeWithoutResult(s -> evaluate(partnerId, now));
                evaluated++;
            } catch (RuntimeException e) {
                log.error("Tier evaluation of {} failed; the others continue", partnerId, e);
            }
        }
        int done = evaluated;
        transactions.executeWithoutResult(s -> repository.completeRun(today, done, now));
        log.info("Daily tier evaluation for {} on {}: {} partners", today, node, evaluated);
        return evaluated;
    }
}
