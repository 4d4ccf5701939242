package dev.flywheel.platform.web;

import dev.flywheel.platform.jdbc.Sql;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored responses of POSTs sent with an Idempotency-Key, per caller. */
@Repository
class IdempotencyStore {

    record Entry(String requestHash, boolean completed, int status, String contentType, String body, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Entry> find(String scope, String key) {
        return jdbc.sql("""
                select request_hash, completed, response_status, response_type, response_body, created_at
                from idempotency_records where scope = :scope and idem_key = :key""")
                .param("scope", scope).param("key", key)
                .query((rs, n) -> new Entry(rs.getString("request_hash"), rs.getBoolean("completed"), rs.getInt("response_status"),
                        rs.getString("response_type"), rs.getString("response_body"), Sql.instant(rs, "created_at")))
                .optional();
    }

    /** Claims the key for a first request; false if another request holds it already. */
    boolean claim(String scope, String key, String requestHash, Instant now) {
        try {
            jdbc.sql("""
                    insert into idempotency_records (scope, idem_key, request_hash, completed, created_at)
                    values (:scope, :key, :hash, false, :now)""")
                    .param("scope", scope).param("key", key).param("hash", requestHash).param("now", Sql.at(now))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void complete(String scope, String key, int status, String contentType, String body) {
        jdbc.sql("""
                update idempotency_records set completed = true, response_status = :status, response_type = :type, response_body = :body
                where scope = :scope and idem_key = :key""")
                .param("status", status).param("type", contentType).param("body", body)
                .param("scope", scope).param("key", key)
                .update();
    }

    void release(String scope, String key) {
        jdbc.sql("delete from idempotency_records where scope = :scope and idem_key = :key")
                .param("scope", scope).param("key", key).update();
    }

    /** Deletes up to {@code batch} records created before {@code cutoff}; returns how many went. */
    int purgeBefore(Instant cutoff, int batch) {
        return jdbc.sql("""
                delete from idempotency_records where (scope, idem_key) in (
                  select scope, idem_key from idempotency_records where created_at < :cutoff limit :batch)""")
                .param("cutoff", Sql.at(cutoff)).param("batch", batch)
                .update();
    }
}
