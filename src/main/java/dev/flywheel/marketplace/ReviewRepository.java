package dev.flywheel.marketplace;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reviews and abuse reports. */
@Repository
class ReviewRepository {

    /** An open report with the review it is about. */
    record Report(String id, String reviewId, String reporter, String reason, String status, Instant createdAt, Review review) {
    }

    private final JdbcClient jdbc;

    ReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts unless the account reviewed this app already (the unique index decides, also under races). */
    boolean insertIfFirst(Review r) {
        return jdbc.sql("""
                insert into mkt_reviews (id, listing_id, account_id, author_id, author_name, stars, body, app_version, status, created_at, updated_at)
                values (:id, :listing, :account, :author, :name, :stars, :body, :version, 'visible', :at, :at) on conflict do nothing""")
                .param("id", r.id()).param("listing", r.listingId()).param("account", r.accountId()).param("author", r.authorId())
                .param("name", r.authorName()).param("stars", r.stars()).param("body", r.body()).param("version", r.appVersion())
                .param("at", Sql.at(r.createdAt())).update() == 1;
    }

    void update(String id, int stars, String body, String appVersion, Instant now) {
        jdbc.sql("update mkt_reviews set stars = :stars, body = :body, app_version = :version, updated_at = :now where id = :id")
                .param("stars", stars).param("body", body).param("version", appVersion).param("now", Sql.at(now)).param("id", id).update();
    }

    void reply(String id, String body, Instant now) {
        jdbc.sql("update mkt_reviews set reply_body = :body, reply_at = :now where id = :id")
                .param("body", body).param("now", Sql.at(now)).param("id", id).update();
    }

    void setVisible(String id, boolean visible) {
        jdbc.sql("update mkt_reviews set status = :status where id = :id").param("status", visible ? "visible" : "hidden").param("id", id).update();
    }

    Optional<Review> find(String id) {
        return jdbc.sql("select * from mkt_reviews where id = :id").param("id", id).query(ReviewRepository::map).optional();
    }

    Optional<Review> find(String listingId, String accountId) {
        return jdbc.sql("select * from mkt_reviews where listing_id = :l and account_id = :a").param("l", listingId).param("a", accountId)
                .query(ReviewRepository::map).optional();
    }

    CursorPage<Review> visible(String listingId, PageQuery query) {
        List<Review> rows = jdbc.sql("""
                select * from mkt_reviews where listing_id = :l and status = 'visible' and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("l", listingId).param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(ReviewRepository::map).list();
        return CursorPage.of(rows, query, Review::id);
    }

    String report(String reviewId, String reporter, String reason, Instant now) {
        String id = Ids.next("rrp");
        jdbc.sql("""
                insert into mkt_review_reports (id, review_id, reporter, reason, status, created_at)
                values (:id, :review, :reporter, :reason, 'open', :now)""")
                .param("id", id).param("review", reviewId).param("reporter", reporter).param("reason", reason).param("now", Sql.at(now)).update();
        return id;
    }

    List<Report> openReports(int limit) {
        return jdbc.sql("select * from mkt_review_reports where status = 'open' order by id limit :limit").param("limit", limit)
                .query((rs, n) -> new Report(rs.getString("id"), rs.getString("review_id"), rs.getString("reporter"), rs.getString("reason"),
                        rs.getString("status"), Sql.instant(rs, "created_at"), null))
                .list().stream().map(r -> new Report(r.id(), r.reviewId(), r.reporter(), r.reason(), r.status(), r.createdAt(),
                        find(r.reviewId()).orElse(null)))
                .toList();
    }

    Optional<Report> findReport(String id) {
        return jdbc.sql("select * from mkt_review_reports where id = :id").param("id", id)
                .query((rs, n) -> new Report(rs.getString("id"), rs.getString("review_id"), rs.getString("reporter"), rs.getString("reason"),
                        rs.getString("status"), Sql.instant(rs, "created_at"), null)).optional();
    }

    /** Resolves every open report of a review at once; false when none was open. */
    boolean resolveReports(String reviewId, String resolution, String by, Instant now) {
        return jdbc.sql("""
                update mkt_review_reports set status = 'resolved', resolution = :resolution, resolved_by = :by, resolved_at = :now
                where review_id = :review and status = 'open'""")
                .param("resolution", resolution).param("by", by).param("now", Sql.at(now)).param("review", reviewId).update() > 0;
    }

    private static Review map(ResultSet rs, int n) throws SQLException {
        return new Review(rs.getString("id"), rs.getString("listing_id"), rs.getString("account_id"), rs.getString("author_id"),
                rs.getString("author_name"), rs.getInt("stars"), rs.getString("body"), rs.getString("app_version"),
                "visible".equals(rs.getString("status")), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                rs.getString("reply_body"), Sql.instant(rs, "reply_at"));
    }
}
