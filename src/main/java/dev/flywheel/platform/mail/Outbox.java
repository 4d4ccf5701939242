package dev.flywheel.platform.mail;

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

/** The mail outbox table: claims for delivery, outcomes, and the owner's view of it. */
@Repository
public class Outbox {

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CursorPage<OutboxMessage> page(PageQuery query) {
        List<OutboxMessage> rows = jdbc.sql("""
                select * from mail_outbox where (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(Outbox::map).list();
        return CursorPage.of(rows, query, OutboxMessage::id);
    }

    public Optional<OutboxMessage> find(String id) {
        return jdbc.sql("select * from mail_outbox where id = :id").param("id", id).query(Outbox::map).optional();
    }

    List<String> due(Instant now, int batch) {
        return jdbc.sql("select id from mail_outbox where status = 'pending' and next_attempt_at <= :now order by next_attempt_at limit :batch")
                .param("now", Sql.at(now)).param("batch", batch).query(String.class).list();
    }

    /** Atomically takes a due message for this node; false if another node took it first. */
    boolean claim(String id, Instant now) {
        return jdbc.sql("update mail_outbox set status = 'sending', attempts = attempts + 1, next_attempt_at = :now where id = :id and status = 'pending'")
                .param("id", id).param("now", Sql.at(now)).update() == 1;
    }

    /** Messages left in 'sending' by a node that died are handed back after a while. */
    int reclaimStuck(Instant olderThan) {
        return jdbc.sql("update mail_outbox set status = 'pending' where status = 'sending' and next_attempt_at < :cutoff")
                .param("cutoff", Sql.at(olderThan)).update();
    }

    void mark(String id, String status, String error, Instant nextAttempt, Instant sentAt) {
        jdbc.sql("update mail_outbox set status = :status, last_error = :error, next_attempt_at = coalesce(:next, next_attempt_at), sent_at = :sent where id = :id")
                .param("id", id).param("status", status).param("error", error)
                .param("next", Sql.at(nextAttempt)).param("sent", Sql.at(sentAt))
                .update();
    }

    long countByStatus(String status) {
        return jdbc.sql("select count(*) from mail_outbox where status = :status").param("status", status).query(Long.class).single();
    }

    private static OutboxMessage map(ResultSet rs, int n) throws SQLException {
        return new OutboxMessage(rs.getString("id"), rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "sent_at"));
    }
}
