package dev.flywheel.marketplace;

import dev.flywheel.platform.Money;
import dev.flywheel.platform.jdbc.Sql;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read-only figures about the marketplace for other modules (the playbook's launch tracker and
 * health advisor): which partners have live listings, how each live listing is adopted over a
 * period, and which reviews are still waiting for the developer's reply. A listing is live when
 * a version is published and the listing is not suspended; only visible reviews count.
 */
@Service
public class MarketplaceActivity {

    private final JdbcClient jdbc;
    private final ListingRepository listings;

    MarketplaceActivity(JdbcClient jdbc, ListingRepository listings) {
        this.jdbc = jdbc;
        this.listings = listings;
    }

    /**
     * A live app with what flows through it, for the ecosystem map.
     *
     * @param activeInstalls installations working now (not uninstalled)
     * @param eventTypes the product event types the app declares it consumes
     * @param gmv its sales since it was listed, per currency
     * @param platformFees the owner's fee on those sales, per currency
     */
    public record AppFlow(String listingId, String partnerId, String name, long activeInstalls, List<String> eventTypes, List<Money> gmv,
            List<Money> platformFees) {
    }

    /** The live apps with the most active installations (at most {@code limit}), with their sales and the events they consume. */
    public List<AppFlow> appFlows(int limit) {
        return appFlows(limit, 0);
    }

    /**
     * The live apps with the most active installations (at most {@code byInstalls}) and, beside
     * them, the best-selling live apps by GMV (at most {@code bySales} more), most installed first.
     */
    public List<AppFlow> appFlows(int byInstalls, int bySales) {
        record Counted(String id, long active) {
        }
        String active = "(select count(*) from mkt_installations i where i.listing_id = l.id and i.status = 'active')";
        List<Counted> top = new java.util.ArrayList<>(jdbc.sql("select l.id, " + active + """
                 as active
                from mkt_listings l where l.published_version_id is not null and l.suspended_at is null
                order by active desc, l.id limit :limit""")
                .param("limit", Math.max(1, Math.min(byInstalls, 100)))
                .query((rs, n) -> new Counted(rs.getString("id"), rs.getLong("active"))).list());
        if (bySales > 0) {
            java.util.Set<String> seen = new java.util.HashSet<>(top.stream().map(Counted::id).toList());
            jdbc.sql("select l.id, " + active + """
                     as active
                    from mkt_listings l join (select listing_id, sum(gmv_amount) as gmv from mkt_sales group by listing_id) s on s.listing_id = l.id
                    where l.published_version_id is not null and l.suspended_at is null
                    order by s.gmv desc, l.id limit :limit""")
                    .param("limit", Math.min(bySales, 100))
                    .query((rs, n) -> new Counted(rs.getString("id"), rs.getLong("active"))).list().stream()
                    .filter(c -> seen.add(c.id())).forEach(top::add);
            top.sort(java.util.Comparator.comparingLong(Counted::active).reversed());
        }
        List<AppFlow> out = new java.util.ArrayList<>();
        for (Counted c : top) {
            listings.live(c.id()).ifPresent(live -> {
                List<Money> gmv = new java.util.ArrayList<>();
                List<Money> fees = new java.util.ArrayList<>();
                jdbc.sql("select currency, sum(gmv_amount) as gmv, sum(fee_amount) as fee from mkt_sales where listing_id = :l group by currency order by currency")
                        .param("l", c.id())
                        .query(rs -> {
                            gmv.add(Money.of(rs.getLong("gmv"), rs.getString("currency")));
                            fees.add(Money.of(rs.getLong("fee"), rs.getString("currency")));
                        });
                out.add(new AppFlow(c.id(), live.listing().partnerId(), live.version().content().name(), c.active(),
                        live.version().content().eventTypes(), gmv, fees));
            });
        }
        return out;
    }

    /** Partners with at least one live listing, and how many live listings they have together. */
    public record LivePartners(long partners, long listings) {
    }

    /**
     * A live listing and its adoption within a period.
     *
     * @param installs installations (or re-installations) made in the period
     * @param activations installations first used in the period
     */
    public record ListingAdoption(String listingId, String partnerId, String name, Instant firstPublishedAt, long installs, long activations) {
    }

    /** A visible review with no reply from the developer yet. */
    public record UnansweredReview(String reviewId, String listingId, String partnerId, String listingName, int stars, Instant createdAt) {
    }

    public LivePartners livePartners() {
        return jdbc.sql("""
                select count(distinct partner_id) as partners, count(*) as listings from mkt_listings
                where published_version_id is not null and suspended_at is null""")
                .query((rs, n) -> new LivePartners(rs.getLong("partners"), rs.getLong("listings"))).single();
    }

    /** Every live listing with its installs and activations in {@code [from, to)}, most installed first. */
    public List<ListingAdoption> adoption(Instant from, Instant to) {
        return jdbc.sql("""
                select l.id, l.partner_id, v.name, l.first_published_at,
                  (select count(*) from mkt_installations i where i.listing_id = l.id and i.installed_at >= :from and i.installed_at < :to) as installs,
                  (select count(*) from mkt_installations i where i.listing_id = l.id and i.activated_at >= :from and i.activated_at < :to) as activations
                from mkt_listings l join mkt_listing_versions v on v.id = l.published_version_id
                where l.suspended_at is null
                order by installs desc, l.id""")
                .param("from", Sql.at(from)).param("to", Sql.at(to))
                .query((rs, n) -> new ListingAdoption(rs.getString("id"), rs.getString("partner_id"), rs.getString("name"),
                        Sql.instant(rs, "first_published_at"), rs.getLong("installs"), rs.getLong("activations")))
                .list();
    }

    /** Visible reviews on live listings written before {@code before} that have no developer reply, oldest first. */
    public List<UnansweredReview> unansweredReviews(Instant before) {
        return jdbc.sql("""
                select r.id, r.listing_id, l.partner_id, v.name, r.stars, r.created_at
                from mkt_reviews r join mkt_listings l on l.id = r.listing_id join mkt_listing_versions v on v.id = l.published_version_id
                where r.status = 'visible' and r.reply_at is null and r.created_at < :before and l.suspended_at is null
                order by r.created_at, r.id""")
                .param("before", Sql.at(before))
                .query((rs, n) -> new UnansweredReview(rs.getString("id"), rs.getString("listing_id"), rs.getString("partner_id"), rs.getString("name"),
                        rs.getInt("stars"), Sql.instant(rs, "created_at")))
                .list();
    }
}
