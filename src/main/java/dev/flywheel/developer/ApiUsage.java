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
 * Counts API calls per client, version and day, and among them the calls that failed on the
 * client's side (a 4xx answer other than 429: bad input, missing scope, unknown id). Each node counts in memory and adds its counts to
 * the database every few seconds, so a request costs no write; a node that dies loses at most
 * those seconds of counts (usage is a report, not a bill).
 */
@Component
class ApiUsage {

    record Key(LocalDate day, String version, String clientId, String organizationId) {
    }

    private record Counts(LongAdder calls, LongAdder clientErrors) {
    }

    private final Map<Key, Counts> pending = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final Clock clock;

    ApiUsage(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void count(String version, String clientId, String organizationId, int status) {
        LocalDate day = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        Counts counts = pending.computeIfAbsent(new Key(day, version, clientId, organizationId), k -> new Counts(new LongAdder(), new LongAdder()));
        counts.calls().increment();
        if (isClientError(status)) {
            counts.clientErrors().increment();
        }
    }

    /** A call that failed because of what the client sent; 429 is the platform's limit, not the client's mistake. */
    static boolean isClientError(int status) {
        return status >= 400 && status < 500 && status != 429;
    }

    /** Adds this node's counts to the database; each node flushes only its own, so nothing is counted twice. */
    @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
    synchronized void flush() {
        for (Key key : pending.keySet()) {
            Counts counts = pending.remove(key);
            long calls = counts == null ? 0 : counts.calls().sumThenReset();
            long errors = counts == null ? 0 : counts.clientErrors().sumThenReset();
            if (calls > 0) {
                add(key, calls, errors);
            }
        }
    }

    private void add(Key key, long calls, long errors) {
        if (update(key, calls, errors) == 0) {
            int inserted = jdbc.sql("""
                    insert into developer_api_usage (usage_day, version, client_id, organization_id, calls, client_errors)
                    values (:day, :version, :client, :org, :calls, :errors) on conflict do nothing""")
                    .param("day", key.day()).param("version", key.version()).param("client", key.clientId())
                    .param("org", key.organizationId()).param("calls", calls).param("errors", errors).update();
            if (inserted == 0) {
                update(key, calls, errors);
            }
        }
    }

    private int update(Key key, long calls, long errors) {
        return jdbc.sql("""
                update developer_api_usage set calls = calls + :calls, client_errors = client_errors + :errors
                 where usage_day = :day and version = :version and client_id = :client""")
                .param("calls", calls).param("errors", errors).param("day", key.day()).param("version", key.version())
                .param("client", key.clientId()).update();
    }
}
