package dev.flywheel.marketplace;

import dev.flywheel.platform.jdbc.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads what the ranking needs from installs and reviews, for all listings or one. */
@Repository
class SignalsRepository {

    /** The raw figures of one listing, as of {@code asOf}. */
    record Raw(double decayedInstalls, Instant asOf, long activeInstalls, long reviewCount, long starSum, long replies,
            long retentionEligible, long retained) {

        static Raw none(Instant asOf) {
            return new Raw(0, asOf, 0, 0, 0, 0, 0, 0);
        }

        /** Install velocity decays with time even when nothing happens: carry it forward to {@code now}. */
        double decayedInstallsAt(Instant now, Duration halfLife) {
            return decayedInstalls * RankingFormula.decay(Duration.between(asOf, now), halfLife);
        }
    }

    private static final Duration RETENTION_WINDOW = Duration.ofDays(30);

    private final JdbcClient jdbc;

    SignalsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Figures for every listing that has any (or only {@code listingId} when given). */
    Map<String, Raw> load(String listingId, Instant now, Duration halfLife) {
        Map<String, double[]> acc = new HashMap<>();
        // [0] decayed installs, [1] active, [2] reviews, [3] stars, [4] replies, [5] eligible, [6] retained
        LocalDate since = now.minus(halfLife.multipliedBy(10)).atOffset(ZoneOffset.UTC).toLocalDate();
        jdbc.sql("""
                select listing_id, occurred_on, count(*) as n from mkt_listing_events
                where kind = 'installed' and occurred_on >= :since and (cast(:id as varchar) is null or listing_id = :id)
                group by listing_id, occurred_on""")
                .param("since", since).param("id", listingId)
                .query(rs -> {
                    Instant midday = rs.getObject("occurred_on", LocalDate.class).atTime(12, 0).toInstant(ZoneOffset.UTC);
                    double weight = RankingFormula.decay(Duration.between(midday, now), halfLife);
                    acc.computeIfAbsent(rs.getString("listing_id"), k -> new double[7])[0] += rs.getLong("n") * weight;
                });
        jdbc.sql("""
                select listing_id, count(*) as n from mkt_installations where status = 'active'
                  and (cast(:id as varchar) is null or listing_id = :id) group by listing_id""")
                .param("id", listingId)
                .query(rs -> {
                    acc.computeIfAbsent(rs.getString("listing_id"), k -> new double[7])[1] = rs.getLong("n");
                });
        jdbc.sql("""
                select listing_id, count(*) as n, coalesce(sum(stars), 0) as s, count(reply_at) as r from mkt_reviews
                where status = 'visible' and (cast(:id as varchar) is null or listing_id = :id) group by listing_id""")
                .param("id", listingId)
                .query(rs -> {
                    double[] a = acc.computeIfAbsent(rs.getString("listing_id"), k -> new double[7]);
                    a[2] = rs.getLong("n");
                    a[3] = rs.getLong("s");
                    a[4] = rs.getLong("r");
                });
        jdbc.sql("""
                select listing_id, installed_at, uninstalled_at from mkt_installations
                where installed_at <= :cutoff and (cast(:id as varchar) is null or listing_id = :id)""")
                .param("cutoff", Sql.at(now.minus(RETENTION_WINDOW))).param("id", listingId)
                .query(rs -> {
                    double[] a = acc.computeIfAbsent(rs.getString("listing_id"), k -> new double[7]);
                    Instant installed = Sql.instant(rs, "installed_at");
                    Instant uninstalled = Sql.instant(rs, "uninstalled_at");
                    a[5]++;
                    if (uninstalled == null || !uninstalled.isBefore(installed.plus(RETENTION_WINDOW))) {
                        a[6]++;
                    }
                });
        Map<String, Raw> out = new HashMap<>();
        acc.forEach((id, a) -> out.put(id, new Raw(a[0], now, (long) a[1], (long) a[2], (long) a[3], (long) a[4], (long) a[5], (long) a[6])));
        return out;
    }

    /** The mean of every visible review's stars, the Bayesian prior; 3.5 before the first review. */
    double meanRating() {
        Double mean = jdbc.sql("select avg(cast(stars as double precision)) from mkt_reviews where status = 'visible'")
                .query(Double.class).optional().orElse(null);
        return mean == null ? 3.5 : mean;
    }
}
