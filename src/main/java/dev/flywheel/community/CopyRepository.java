package dev.flywheel.community;

import dev.flywheel.platform.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Copies of templates taken by users, and their reported use. The SQL here applies the rule of
 * {@link RetainedUse}: a copy is an active use once its retention period has passed and it was
 * still reported in use at or after that moment.
 */
@Repository
class CopyRepository {

    private static final String ACTIVE = """
            c.retention_due_at <= :now and c.last_seen_at >= c.retention_due_at
              and (c.removed_at is null or c.removed_at >= c.retention_due_at)""";

    /** A contributor and how many active uses their templates gained in a period. */
    record ContributorUses(String authorOrgId, long activeUses) {
    }

    private final JdbcClient jdbc;

    CopyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TemplateCopy copy) {
        jdbc.sql("""
                insert into community_copies (id, template_id, version, taker_org_id, external_ref, taken_at, retention_due_at, last_seen_at)
                values (:id, :template, :version, :taker, :ref, :taken, :due, :seen)""")
                .param("id", copy.id()).param("template", copy.templateId()).param("version", copy.version())
                .param("taker", copy.takerOrgId()).param("ref", copy.externalRef()).param("taken", Sql.at(copy.takenAt()))
                .param("due", Sql.at(copy.retentionDueAt())).param("seen", Sql.at(copy.lastSeenAt()))
                .update();
    }

    Optional<TemplateCopy> find(String id) {
        return jdbc.sql("select * from community_copies where id = :id").param("id", id).query(CopyRepository::map).optional();
    }

    /** Reported in use at {@code at}; never moves the last sighting backwards, and a removed copy stays removed. */
    void seen(String id, Instant at) {
        jdbc.sql("update community_copies set last_seen_at = :at where id = :id and last_seen_at < :at and removed_at is null")
                .param("id", id).param("at", Sql.at(at)).update();
    }

    void removed(String id, Instant at) {
        jdbc.sql("update community_copies set removed_at = :at where id = :id and removed_at is null")
                .param("id", id).param("at", Sql.at(at)).update();
    }

    long activeUses(String templateId, Instant now) {
        return jdbc.sql("select count(*) from community_copies c where c.template_id = :t and " + ACTIVE)
                .param("t", templateId).param("now", Sql.at(now)).query(Long.class).single();
    }

    long copiesTaken(String templateId) {
        return jdbc.sql("select count(*) from community_copies where template_id = :t").param("t", templateId).query(Long.class).single();
    }

    /** Active uses across every template of one contributor. */
    long activeUsesOfAuthor(String authorOrgId, Instant now) {
        return jdbc.sql("""
                select count(*) from community_copies c join community_templates t on t.id = c.template_id
                where t.author_org_id = :org""" + " and " + ACTIVE)
                .param("org", authorOrgId).param("now", Sql.at(now)).query(Long.class).single();
    }

    long activeUsesTotal(Instant now) {
        return jdbc.sql("select count(*) from community_copies c where " + ACTIVE).param("now", Sql.at(now)).query(Long.class).single();
    }

    long copiesTotal() {
        return jdbc.sql("select count(*) from community_copies").query(Long.class).single();
    }

    /**
     * Contributors by active uses that became active (reached their retention moment) within
     * {@code [from, to)}, most first; ties go to the contributor who reached the count first.
     */
    List<ContributorUses> topContributors(Instant from, Instant to, int limit) {
        return jdbc.sql("""
                select t.author_org_id, count(*) as n, min(c.retention_due_at) as first_due
                from community_copies c join community_templates t on t.id = c.template_id
                where c.retention_due_at >= :from and c.retention_due_at < :to and c.retention_due_at <= :now
                  and c.last_seen_at >= c.retention_due_at and (c.removed_at is null or c.removed_at >= c.retention_due_at)
                group by t.author_org_id order by n desc, first_due limit :limit""")
                .param("from", Sql.at(from)).param("to", Sql.at(to)).param("now", Sql.at(to)).param("limit", limit)
                .query((rs, n) -> new ContributorUses(rs.getString("author_org_id"), rs.getLong("n"))).list();
    }

    private static TemplateCopy map(ResultSet rs, int n) throws SQLException {
        return new TemplateCopy(rs.getString("id"), rs.getString("template_id"), rs.getInt("version"), rs.getString("taker_org_id"),
                rs.getString("external_ref"), Sql.instant(rs, "taken_at"), Sql.instant(rs, "retention_due_at"),
                Sql.instant(rs, "last_seen_at"), Sql.instant(rs, "removed_at"));
    }
}
