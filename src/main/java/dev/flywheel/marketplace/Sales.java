package dev.flywheel.marketplace;

import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.web.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Marketplace sales and the owner's fee schedule. The product reports each charge of an
 * installed app's plan; the sale's GMV is split by the {@link FeeCalculator} and posted to the
 * {@link RevenueShareLedger}.
 */
@Service
class Sales {

    record Sale(String id, String listingId, String partnerId, String accountId, String planName, int seats, Money gmv, Money fee,
            Money partnerShare, Instant occurredAt, List<FeeCalculator.Portion> portions) {
    }

    /** The schedule as stored (JSON), in the API's terms. */
    record StoredSchedule(String currency, BigDecimal flatRate, List<FeeSchedule.Tier> lifetimeTiers, List<FeeSchedule.Tier> yearlyTiers,
            BigDecimal firstYearRate) {

        FeeSchedule schedule() {
            return new FeeSchedule(currency, flatRate, lifetimeTiers, yearlyTiers, firstYearRate);
        }
    }

    private final JdbcClient jdbc;
    private final ListingRepository listings;
    private final InstallationRepository installations;
    private final RevenueShareLedger ledger;
    private final Organizations organizations;
    private final AuditLog audit;
    private final JsonMapper json;
    private final MarketplaceProperties properties;
    private final Clock clock;

    Sales(JdbcClient jdbc, ListingRepository listings, InstallationRepository installations, RevenueShareLedger ledger,
            Organizations organizations, AuditLog audit, JsonMapper json, MarketplaceProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.listings = listings;
        this.installations = installations;
        this.ledger = ledger;
        this.organizations = organizations;
        this.audit = audit;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** The schedule in force: the newest the owner set, or a flat split with the configured partner share. */
    FeeSchedule schedule() {
        return jdbc.sql("select definition from mkt_fee_schedules order by id desc limit 1").query(String.class).optional()
                .map(text -> json.readValue(text, StoredSchedule.class).schedule())
                .orElseGet(() -> FeeSchedule.flat("USD", BigDecimal.ONE.subtract(properties.defaultPartnerShare())));
    }

    @Transactional
    FeeSchedule setSchedule(Caller caller, FeeSchedule schedule) {
        caller.requireOwnerAdmin();
        List<String> problems = schedule.problems();
        if (!problems.isEmpty()) {
            throw ApiException.invalid("fee_schedule", String.join("; ", problems));
        }
        String definition = json.writeValueAsString(new StoredSchedule(schedule.currency(), schedule.flatRate(), schedule.lifetimeTiers(),
                schedule.yearlyTiers(), schedule.firstYearRate()));
        jdbc.sql("insert into mkt_fee_schedules (id, definition, created_by, created_at) values (:id, :d, :by, :at)")
                .param("id", Ids.next("fee")).param("d", definition).param("by", caller.label()).param("at", Sql.at(clock.instant())).update();
        audit.record(caller.organizationId(), "marketplace.fee_schedule_set", null, definition);
        return schedule();
    }

    /** Records a charge of an installed app's plan to an account, and posts its money. */
    @Transactional
    Sale record(Caller caller, String listingId, String accountId, String planName, Integer seats, Instant occurredAt) {
        caller.requireOwner();
        Listing listing = listings.find(listingId).filter(l -> l.publishedVersionId() != null)
                .orElseThrow(() -> ApiException.notFound("published listing", listingId));
        if (organizations.find(accountId).filter(o -> o.kind() == OrganizationKind.CUSTOMER).isEmpty()) {
            throw ApiException.notFound("customer account", accountId);
        }
        if (installations.find(listing.id(), accountId).filter(Installation::active).isEmpty()) {
            throw ApiException.unprocessable("The account has not installed this app; only installed apps are sold.");
        }
        ListingVersion version = listings.version(listing.publishedVersionId()).orElseThrow();
        PricingPlan plan = version.content().pricing().stream().filter(p -> p.name().equalsIgnoreCase(planName == null ? "" : planName.strip()))
                .findFirst().orElseThrow(() -> ApiException.invalid("plan", "must be one of the listing's plans: "
                        + version.content().pricing().stream().map(PricingPlan::name).toList()));
        int seatCount = seats == null ? 1 : seats;
        if (seatCount < 1 || seatCount > 1_000_000) {
            throw ApiException.invalid("seats", "must be between 1 and 1000000");
        }
        if (plan.kind() == PricingPlan.Kind.FREE) {
            throw ApiException.unprocessable("The plan " + plan.name() + " is free; there is nothing to record.");
        }
        Instant at = occurredAt == null ? clock.instant() : occurredAt;
        if (at.isAfter(clock.instant().plusSeconds(300))) {
            throw ApiException.invalid("occurred_at", "must not be in the future");
        }
        Money gmv = plan.monthlyCharge(seatCount);
        // One partner's sales are split in order: lock the partner's listings so a concurrent sale waits.
        jdbc.sql("select id from mkt_listings where partner_id = :p for update").param("p", listing.partnerId()).query(String.class).list();
        Money lifetime = sum(listing.partnerId(), gmv.currency(), null);
        Instant yearStart = at.atOffset(ZoneOffset.UTC).withDayOfYear(1).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        Money year = sum(listing.partnerId(), gmv.currency(), yearStart);
        Optional<Instant> firstSale = jdbc.sql("select min(occurred_at) as first_at from mkt_sales where partner_id = :p")
                .param("p", listing.partnerId()).query((rs, n) -> Optional.ofNullable(Sql.instant(rs, "first_at"))).list()
                .stream().findFirst().flatMap(o -> o);
        boolean firstYear = firstSale.isEmpty() || !at.isAfter(firstSale.get().atOffset(ZoneOffset.UTC).plusYears(1).toInstant());
        FeeSchedule schedule = schedule();
        FeeCalculator.Split split;
        try {
            split = FeeCalculator.split(schedule, gmv, lifetime, year, firstYear);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(e.getMessage());
        }
        String id = Ids.next("sal");
        jdbc.sql("""
                insert into mkt_sales (id, listing_id, partner_id, account_id, plan_name, seats, gmv_amount, fee_amount, partner_amount, currency,
                  occurred_at) values (:id, :l, :p, :a, :plan, :seats, :gmv, :fee, :share, :cur, :at)""")
                .param("id", id).param("l", listing.id()).param("p", listing.partnerId()).param("a", accountId).param("plan", plan.name())
                .param("seats", seatCount).param("gmv", gmv.amount()).param("fee", split.fee().amount()).param("share", split.partnerShare().amount())
                .param("cur", gmv.currency()).param("at", Sql.at(at)).update();
        ledger.post(new RevenueShareLedger.Posting(id, listing.id(), listing.partnerId(), accountId, gmv, split.partnerShare(), split.fee(), at));
        return new Sale(id, listing.id(), listing.partnerId(), accountId, plan.name(), seatCount, gmv, split.fee(), split.partnerShare(), at,
                split.portions());
    }

    private Money sum(String partnerId, String currency, Instant since) {
        Long total = jdbc.sql("""
                select coalesce(sum(gmv_amount), 0) from mkt_sales where partner_id = :p and currency = :c
                  and (cast(:since as timestamp with time zone) is null or occurred_at >= :since)""")
                .param("p", partnerId).param("c", currency).param("since", Sql.at(since)).query(Long.class).single();
        return Money.of(total, currency);
    }
}
