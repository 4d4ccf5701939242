package dev.flywheel.insights;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Secrets;
import dev.flywheel.platform.jdbc.Sql;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes facts: insert, update in place when the same fact id comes again with new content, or leave alone. */
@Repository
class FactStore {

    enum Outcome { CREATED, UPDATED, UNCHANGED }

    private final JdbcClient jdbc;
    private final Clock clock;

    FactStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    <T> Outcome upsert(FactKind<T> kind, Mode mode, T fact) {
        Map<String, Object> columns = kind.columns(fact);
        String factId = kind.factId(fact);
        String hash = hash(columns);
        Optional<String> existing = jdbc.sql("select content_hash from " + kind.table + " where mode = :mode and fact_id = :factId")
                .param("mode", mode.wire()).param("factId", factId).query(String.class).optional();
        if (existing.isPresent()) {
            return existing.get().equals(hash) ? Outcome.UNCHANGED : update(kind, mode, factId, columns, hash);
        }
        String names = String.join(", ", columns.keySet());
        String params = columns.keySet().stream().map(c -> ":" + c).collect(Collectors.joining(", "));
        JdbcClient.StatementSpec insert = jdbc.sql("insert into " + kind.table + " (id, mode, fact_id, " + names
                + ", content_hash, recorded_at) values (:id, :mode, :factId, " + params + ", :hash, :now)")
                .param("id", Ids.next("fct")).param("mode", mode.wire()).param("factId", factId).param("hash", hash)
                .param("now", Sql.at(clock.instant()));
        for (Map.Entry<String, Object> c : columns.entrySet()) {
            insert = insert.param(c.getKey(), c.getValue());
        }
        try {
            insert.update();
            return Outcome.CREATED;
        } catch (DuplicateKeyException raced) {
            return update(kind, mode, factId, columns, hash);
        }
    }

    private Outcome update(FactKind<?> kind, Mode mode, String factId, Map<String, Object> columns, String hash) {
        String sets = columns.keySet().stream().map(c -> c + " = :" + c).collect(Collectors.joining(", "));
        JdbcClient.StatementSpec update = jdbc.sql("update " + kind.table + " set " + sets
                + ", content_hash = :hash, recorded_at = :now where mode = :mode and fact_id = :factId")
                .param("mode", mode.wire()).param("factId", factId).param("hash", hash).param("now", Sql.at(clock.instant()));
        for (Map.Entry<String, Object> c : columns.entrySet()) {
            update = update.param(c.getKey(), c.getValue());
        }
        update.update();
        return Outcome.UPDATED;
    }

    private static String hash(Map<String, Object> columns) {
        StringBuilder s = new StringBuilder();
        columns.forEach((k, v) -> s.append(k).append('=').append(v instanceof java.time.OffsetDateTime o ? o.toInstant() : v).append('\u0001'));
        return Secrets.sha256Hex(s.toString());
    }
}
