package dev.flywheel.marketplace;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Installations and the append-only listing events (funnel and lifecycle). */
@Repository
class InstallationRepository {

    private final JdbcClient jdbc;

    InstallationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the installation of this pair, or reactivates the uninstalled one. Empty when it is active already. */
    Optional<Installation> install(String listingId, String accountId, String segment, String userId, String email, List<String> scopes,
            Instant now) {
        String id = Ids.next("ins");
        int inserted = jdbc.sql("""
                insert into mkt_installations (id, listing_id, account_id, account_segment, installed_by, installer_email, scopes, status,
                  installed_at)
                values (:id, :listing, :account, :segment, :user, :email, :scopes, 'active', :now) on conflict do nothing""")
                .param("id", id).param("listing", listingId).param("account", accountId).param("segment", segment).param("user", userId)
                .param("email", email).param("scopes", String.join("\n", scopes)).param("now", Sql.at(now)).update();
        if (inserted == 0) {
            int reactivated = jdbc.sql("""
                    update mkt_installations set status = 'active', installed_at = :now, uninstalled_at = null, installed_by = :user,
                      installer_email = :email, scopes = :scopes, activated_at = null, review_asked_at = null, review_prompted_at = null
                    where listing_id = :listing and account_id = :account and status = 'uninstalled'""")
                    .param("now", Sql.at(now)).param("user", userId).param("email", email).param("scopes", String.join("\n", scopes))
                    .param("listing", listingId).param("account", accountId).update();
            if (reactivated == 0) {
                return Optional.empty();
            }
        }
        return find(listingId, accountId);
    }

    boolean uninstall(String id, Instant now) {
        return jdbc.sql("update mkt_installations set status = 'uninstalled', uninstalled_at = :now where id = :id and status = 'active'")
                .param("now", Sql.at(now)).param("id", id).update() == 1;
    }

    boolean activate(String id, Instant now) {
        return jdbc.sql("update mkt_installations set activated_at = :now where id = :id and status = 'active' and activated_at is null")
                .param("now", Sql.at(now)).param("id", id).update() == 1;
    }

    Optional<Installation> find(String id) {
        return jdbc.sql("select * from mkt_installations where id = :id").param("id", id).query(InstallationRepository::map).optional();
    }

    Optional<Installation> find(String listingId, String accountId) {
        return jdbc.sql("select * from mkt_installations where listing_id = :l and account_id = :a").param("l", listingId).param("a", accountId)
                .query(InstallationRepository::map).optional();
    }

    List<Installation> activeOf(String listingId) {
        return jdbc.sql("select * from mkt_installations where listing_id = :l and status = 'active' order by id").param("l", listingId)
                .query(InstallationRepository::map).list();
    }

    /** Working installations (active, app not suspended) of a partner's apps installed (or reinstalled) at or after {@code since}. */
    long activeInstallsOfPartnerSince(String partnerId, Instant since) {
        return jdbc.sql("""
                select count(*) from mkt_installations i join mkt_listings l on l.id = i.listing_id
                where l.partner_id = :partner and l.suspended_at is null and i.status = 'active' and i.installed_at >= :since""")
                .param("partner", partnerId).param("since", Sql.at(since)).query(Long.class).single();
    }

    List<Installation> ofAccount(String accountId) {
        return jdbc.sql("select * from mkt_installations where account_id = :a order by installed_at desc").param("a", accountId)
                .query(InstallationRepository::map).list();
    }

    /** Active installations activated before {@code cutoff} whose review ask has not gone out. */
    List<Installation> dueForReviewAsk(Instant cutoff, int limit) {
        return jdbc.sql("""
                select * from mkt_installations where status = 'active' and review_asked_at is null and activated_at <= :cutoff
                order by activated_at limit :limit""").param("cutoff", Sql.at(cutoff)).param("limit", limit)
                .query(InstallationRepository::map).list();
    }

    /** Claims the review ask of one installation; false when another node (or run) claimed it first. */
    boolean claimReviewAsk(String id, Instant now) {
        return jdbc.sql("update mkt_installations set review_asked_at = :now where id = :id and review_asked_at is null")
                .param("now", Sql.at(now)).param("id", id).update() == 1;
    }

    List<Installation> duePrompts(String accountId, Instant cutoff) {
        return jdbc.sql("""
                select * from mkt_installations where account_id = :a and status = 'active' and review_prompted_at is null
                  and activated_at <= :cutoff order by activated_at""").param("a", accountId).param("cutoff", Sql.at(cutoff))
                .query(InstallationRepository::map).list();
    }

    boolean claimPrompt(String id, Instant now) {
        return jdbc.sql("update mkt_installations set review_prompted_at = :now where id = :id and review_prompted_at is null")
                .param("now", Sql.at(now)).param("id", id).update() == 1;
    }

    /** Listings installed by accounts that also installed one of {@code listingIds} (co-installs), with how many such accounts. */
    List<Object[]> coInstalls(List<String> listingIds, String segment) {
        if (listingIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select other.listing_id, count(distinct other.account_id) as n from mkt_installations mine
                join mkt_installations other on other.account_id = mine.account_id and other.listing_id <> mine.listing_id
                where mine.listing_id in (:ids) and other.status = 'active'
                  and (cast(:segment as varchar) is null or other.account_segment = :segment)
                group by other.listing_id""")
                .param("ids", listingIds).param("segment", segment)
                .query((rs, n) -> new Object[] {rs.getString("listing_id"), rs.getLong("n")}).list();
    }

    /** Listings most installed by accounts of this segment. */
    List<Object[]> popularInSegment(String segment) {
        return jdbc.sql("""
                select listing_id, count(*) as n from mkt_installations where status = 'active'
                  and (cast(:segment as varchar) is null or account_segment = :segment) group by listing_id""")
                .param("segment", segment).query((rs, n) -> new Object[] {rs.getString("listing_id"), rs.getLong("n")}).list();
    }


    void event(String listingId, String kind, String accountId, List<String> scopes, Instant now) {
        jdbc.sql("""
                insert into mkt_listing_events (id, listing_id, kind, account_id, scopes, occurred_on, occurred_at)
                values (:id, :listing, :kind, :account, :scopes, :on, :at)""")
                .param("id", Ids.next("lev")).param("listing", listingId).param("kind", kind).param("account", accountId)
                .param("scopes", scopes == null || scopes.isEmpty() ? null : String.join("\n", scopes))
                .param("on", LocalDate.ofInstant(now, ZoneOffset.UTC)).param("at", Sql.at(now)).update();
    }

    private static Installation map(ResultSet rs, int n) throws SQLException {
        return new Installation(rs.getString("id"), rs.getString("listing_id"), rs.getString("account_id"), rs.getString("account_segment"),
                rs.getString("installed_by"), rs.getString("installer_email"), ListingRepository.lines(rs.getString("scopes")),
                "active".equals(rs.getString("status")), Sql.instant(rs, "installed_at"), Sql.instant(rs, "uninstalled_at"),
                Sql.instant(rs, "activated_at"));
    }
}
