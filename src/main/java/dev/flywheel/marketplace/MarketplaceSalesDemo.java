package dev.flywheel.marketplace;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.platform.jdbc.Sql;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo marketplace's sales: some of the accounts that installed and use an app with a paid
 * plan pay for it (always its earliest user, then about one in twenty-five), and the product's
 * billing charges them every month since they started — each charge recorded through
 * {@link Sales#record}, the path the sales API takes, so the fee schedule
 * splits it and the ledger holds the GMV, the owner's fee and the partner's share exactly as in
 * production. Runs after {@link MarketplaceDemo} and charges only the installations the demo made
 * that have no sale yet, so generating again bills the new set and leaves earlier ones alone.
 */
@Component
class MarketplaceSalesDemo implements DemoContributor {

    /**
     * Share of the working installs of a paid app that pay, in percent: freemium apps typically
     * convert a few percent of their users. Each sale goes through the full sale path (about twenty
     * statements), so this also keeps the demo quick: about 550 sales at the standard size.
     */
    static final int PAYING_PERCENT = 4;
    /** Monthly charges per paying account, at most: the demo's installs reach back four months. */
    static final int MONTHS = 3;

    /** One charge to post, collected first so that each partner's sales are recorded in time order (fee tiers depend on it). */
    private record Charge(String listingId, String accountId, String plan, int seats, Instant at) {
    }

    private final Sales sales;
    private final ListingRepository listings;
    private final Organizations organizations;
    private final JdbcClient jdbc;
    private final Clock clock;

    MarketplaceSalesDemo(Sales sales, ListingRepository listings, Organizations organizations, JdbcClient jdbc, Clock clock) {
        this.sales = sales;
        this.listings = listings;
        this.organizations = organizations;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 75;
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        Instant now = clock.instant();
        Organization owner = organizations.owner();
        Caller billing = new Caller("demo", owner.id(), OrganizationKind.OWNER, null, Mode.LIVE, "demo billing");
        Map<String, Optional<PricingPlan>> paidPlans = new HashMap<>();
        Set<String> withPayer = new HashSet<>();
        List<Charge> charges = new ArrayList<>();
        for (Unbilled install : unbilled()) {
            Optional<PricingPlan> plan = paidPlans.computeIfAbsent(install.listingId(), this::paidPlan);
            // A paid app that has been in use for months has at least its first customer paying.
            if (plan.isEmpty() || (!withPayer.add(install.listingId()) && random.nextInt(100) >= PAYING_PERCENT)) {
                continue;
            }
            int seats = plan.get().kind() == PricingPlan.Kind.PER_SEAT ? seats(install.segment(), random) : 1;
            Instant first = install.activatedAt().plusSeconds(60L * random.nextInt(60 * 24));
            for (int month = 0; month < MONTHS; month++) {
                Instant at = first.atOffset(ZoneOffset.UTC).plusMonths(month).toInstant();
                if (at.isAfter(now)) {
                    break;
                }
                charges.add(new Charge(install.listingId(), install.accountId(), plan.get().name(), seats, at));
            }
        }
        charges.sort(Comparator.comparing(Charge::at).thenComparing(Charge::listingId).thenComparing(Charge::accountId));
        for (Charge c : charges) {
            sales.record(billing, c.listingId(), c.accountId(), c.plan(), c.seats(), c.at());
        }
    }

    private record Unbilled(String listingId, String accountId, String segment, Instant activatedAt) {
    }

    /** Working, activated installations the demo made (live apps only) with no sale yet, in the order they were made. */
    private List<Unbilled> unbilled() {
        return jdbc.sql("""
                select i.listing_id, i.account_id, i.account_segment, i.activated_at from mkt_installations i
                join mkt_listings l on l.id = i.listing_id
                where i.installed_by = 'demo' and i.status = 'active' and i.activated_at is not null
                  and l.published_version_id is not null and l.suspended_at is null
                  and not exists (select 1 from mkt_sales s where s.listing_id = i.listing_id and s.account_id = i.account_id)
                order by i.listing_id, i.installed_at, i.account_id""")
                .query((rs, n) -> new Unbilled(rs.getString("listing_id"), rs.getString("account_id"), rs.getString("account_segment"),
                        Sql.instant(rs, "activated_at")))
                .list();
    }

    /** The listing's first paid plan, if it has one. */
    private Optional<PricingPlan> paidPlan(String listingId) {
        return listings.live(listingId).flatMap(live -> live.version().content().pricing().stream()
                .filter(p -> p.kind() != PricingPlan.Kind.FREE).findFirst());
    }

    /** Seats bought: a handful in small businesses, dozens in mid-market, more in enterprises. */
    private static int seats(String segment, Random random) {
        return switch (segment == null ? "" : segment) {
            case "enterprise" -> 40 + random.nextInt(160);
            case "mid-market" -> 10 + random.nextInt(40);
            default -> 2 + random.nextInt(9);
        };
    }
}
