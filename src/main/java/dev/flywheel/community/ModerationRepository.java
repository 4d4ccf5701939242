package dev.flywheel.community;

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

/** Abuse reports and the block-list. */
@Repository
class ModerationRepository {

    /** An abuse report on a template. {@code status} is open, upheld (template hidden) or dismissed. */
    record AbuseReport(String id, String templateId, String reporterOrgId, String reporter, String reason, String detail, String status,
            String resolution, String resolvedBy, Instant createdAt, Instant resolvedAt) {
    }

    /** A blocked word or domain. */
    record BlockedTerm(String id, String kind, String term, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    ModerationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertReport(AbuseReport r) {
        jdbc.sql("""
                insert into community_reports (id, template_id, reporter_org_id, reporter, reason, detail, status, created_at)
                values (:id, :template, :org, :reporter, :reason, :detail, :status, :at)""")
                .param("id", r.id()).param("template", r.templateId()).param("org", r.reporterOrgId()).param("reporter", r.reporter())
                .param("reason", r.reason()).param("detail", r.detail()).param("status", r.status()).param("at", Sql.at(r.createdAt()))
                .update();
    }

    Optional<AbuseReport> findReport(String id) {
        return jdbc.sql("select * from community_reports where id = :id").param("id", id).query(ModerationRepository::report).optional();
    }

    CursorPage<AbuseReport> reports(String status, PageQuery query) {
        List<AbuseReport> rows = jdbc.sql("""
                select * from community_reports where (cast(:status as varchar) is null or status = :status)
                  and (cast(:after as varchar) is null or id < :after) order by id desc limit :limit""")
                .param("status", status).param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(ModerationRepository::report).list();
        return CursorPage.of(rows, query, AbuseReport::id);
    }

    boolean resolve(String id, String status, String resolution, String by, Instant at) {
        return jdbc.sql("""
                update community_reports set status = :status, resolution = :resolution, resolved_by = :by, resolved_at = :at
                where id = :id and status = 'open'""")
                .param("id", id).param("status", status).param("resolution", resolution).param("by", by).param("at", Sql.at(at))
                .update() == 1;
    }

    long openReports() {
        return jdbc.sql("select count(*) from community_reports where status = 'open'").query(Long.class).single();
    }

    List<BlockedTerm> blocklist() {
        return jdbc.sql("select * from community_blocklist order by kind, term limit 1000")
                .query((rs, n) -> new BlockedTerm(rs.getString("id"), rs.getString("kind"), rs.getString("term"), Sql.instant(rs, "created_at")))
                .list();
    }

    /** Adds a term once; false when it was already there. */
    boolean block(BlockedTerm term) {
        return jdbc.sql("insert into community_blocklist (id, kind, term, created_at) values (:id, :kind, :term, :at) on conflict do nothing")
                .param("id", term.id()).param("kind", term.kind()).param("term", term.term()).param("at", Sql.at(term.createdAt()))
                .update() == 1;
    }

    boolean unblock(String id) {
        return jdbc.sql("delete from community_blocklist where id = :id").param("id", id).update() == 1;
    }

    private static AbuseReport report(ResultSet rs, int n) throws SQLException {
        return new AbuseReport(rs.getString("id"), rs.getString("template_id"), rs.getString("reporter_org_id"), rs.getString("reporter"),
                rs.getString("reason"), rs.getString("detail"), rs.getString("status"), rs.getString("resolution"),
                rs.getString("resolved_by"), Sql.instant(rs, "created_at"), Sql.instant(rs, "resolved_at"));
    }
}
