package dev.flywheel.developer;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts API calls per client, version and day. Each node counts in memory and adds its counts to
 * the database every few seconds, so a request costs no write; a node that dies loses at most
 * those seconds of counts (usage is a report, not a bill).
 */
@Component
class ApiUsage {

    record Key(LocalDate day, String version, String clientId, String organizationId) {
    }

    private final Map<Key, LongAdder> pending = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final Clock clock;

    ApiUsage(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void count(String version, String clientId, String organizationId) {
        LocalDate day = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        pending.computeIfAbsent(new Key(day, version, clientId, organizationId), k -> new LongAdder()).increment();
    }

    /** Adds this node's counts to the database; each node flushes only its own, so nothing is counted twice. */
    @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
    synchronized void flush() {
        for (Key key : pending.keySet()) {
            LongAdder adder = pending.remove(key);
            long calls = adder == null ? 0 : adder.sumThenReset();
            if (calls > 0) {
                add(key, calls);
            }
        }
    }

    private void add(Key key, long calls) {
        if (update(key, calls) == 0) {
            int inserted = jdbc.sql("""
                    insert into developer_api_usage (usage_day, version, client_id, organization_id, calls)
                    values (:day, :version, :client, :org, :calls) on conflict do nothing""")
                    .param("day", key.day()).param("version", key.version()).param("client", key.clientId())
                    .param("org", key.organizationId()).param("calls", calls).update();
            if (inserted == 0) {
                update(key, calls);
            }
        }
    }

    private int update(Key key, long calls) {
        return jdbc.sql("update developer_api_usage set calls = calls + :calls where usage_day = :day and version = :version and client_id = :client")
                .param("calls", calls).param("day", key.day()).param("version", key.version()).param("client", key.clientId()).update();
    }
}
