package dev.flywheel.events;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The event log table. */
@Repository
class EventLog {

    private static final String INSERT = """
            insert into events (id, mode, client_id, type_name, schema_version, account_ref, user_ref, source, outcome, ordering_key,
                                occurred_at, received_at, data)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    EventLog(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /** Inserts in one JDBC batch; {@code dataJson} holds each event's data already serialised, in the same order. */
    void insert(List<StoredEvent> events, List<String> dataJson) {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            StoredEvent e = events.get(i);
            rows.add(new Object[] {e.id(), e.mode().wire(), e.clientId(), e.type(), e.schemaVersion(), e.account(), e.user(), e.source(),
                e.outcome(), e.orderingKey(), Sql.at(e.occurredAt()), Sql.at(e.receivedAt()), dataJson.get(i)});
        }
        template.batchUpdate(INSERT, rows);
    }

    /** Client id to event id, for those of these client ids already stored in this mode. */
    Map<String, String> existing(Mode mode, Collection<String> clientIds) {
        Map<String, String> found = new HashMap<>();
        if (clientIds.isEmpty()) {
            return found;
        }
        jdbc.sql("select client_id, id from events where mode = :mode and client_id in (:ids)")
                .param("mode", mode.wire()).param("ids", clientIds)
                .query((rs, n) -> found.put(rs.getString("client_id"), rs.getString("id"))).list();
        return found;
    }

    Optional<StoredEvent> find(Mode mode, String id) {
        return jdbc.sql("select * from events where mode = :mode and id = :id").param("mode", mode.wire()).param("id", id)
                .query(this::map).optional();
    }

    CursorPage<StoredEvent> page(Mode mode, EventFilter filter, PageQuery query) {
        List<StoredEvent> rows = jdbc.sql("""
                select * from events where mode = :mode
                  and (cast(:type as varchar) is null or type_name = :type)
                  and (cast(:account as varchar) is null or account_ref = :account)
                  and (cast(:usr as varchar) is null or user_ref = :usr)
                  and (cast(:source as varchar) is null or source = :source)
                  and (cast(:outcome as varchar) is null or outcome = :outcome)
                  and (cast(:since as timestamp with time zone) is null or occurred_at >= :since)
                  and (cast(:until as timestamp with time zone) is null or occurred_at < :until)
                  and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("mode", mode.wire()).param("type", filter.type()).param("account", filter.account())
                .param("usr", filter.user()).param("source", filter.source()).param("outcome", filter.outcome())
                .param("since", Sql.at(filter.since())).param("until", Sql.at(filter.until()))
                .param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(this::map).list();
        return CursorPage.of(rows, query, StoredEvent::id);
    }

    long count(Mode mode) {
        return jdbc.sql("select count(*) from events where mode = :mode").param("mode", mode.wire()).query(Long.class).single();
    }

    /** Deletes up to {@code batch} events received before the cutoff; returns how many went. */
    int deleteReceivedBefore(Instant cutoff, int batch) {
        return jdbc.sql("delete from events where id in (select id from events where received_at < :cutoff order by received_at limit :batch)")
                .param("cutoff", Sql.at(cutoff)).param("batch", batch).update();
    }

    private StoredEvent map(ResultSet rs, int n) throws SQLException {
        return new StoredEvent(rs.getString("id"), Mode.fromWire(rs.getString("mode")), rs.getString("client_id"), rs.getString("type_name"),
                rs.getInt("schema_version"), rs.getString("account_ref"), rs.getString("user_ref"), rs.getString("source"),
                rs.getString("outcome"), rs.getString("ordering_key"), Sql.instant(rs, "occurred_at"), Sql.instant(rs, "received_at"),
                json.readTree(rs.getString("data")));
    }

    /** How many events of each type were received at or after {@code since}, most first. */
    java.util.Map<String, Long> volumeByType(Mode mode, java.time.Instant since) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                select type_name, count(*) as n from events where mode = :mode and received_at >= :since
                group by type_name order by n desc, type_name""")
                .param("mode", mode.wire()).param("since", dev.flywheel.platform.jdbc.Sql.at(since))
                .query(rs -> {
                    out.put(rs.getString("type_name"), rs.getLong("n"));
                });
        return out;
    }
}
