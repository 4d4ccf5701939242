package dev.flywheel.developer;

import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * An app's calls to Flywheel's API and how many failed on its side (module API), from the daily
 * usage report: calls with the app's OAuth tokens and with the API keys issued for it. Counts
 * reach the database within about 10 seconds of the call.
 */
@Service
public class AppApiTraffic {

    /** Calls on the days {@code [from, to)}. */
    public record Calls(LocalDate from, LocalDate to, long calls, long clientErrors) {

        /** Share of calls answered with a 4xx other than 429, or null when there were none. */
        public Double errorRate() {
            return calls == 0 ? null : (double) clientErrors / calls;
        }
    }

    private final JdbcClient jdbc;

    AppApiTraffic(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Calls of(String appId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select coalesce(sum(calls), 0) as calls, coalesce(sum(client_errors), 0) as errors from developer_api_usage
                 where usage_day >= :from and usage_day < :to
                   and (client_id = :app or client_id in (select k.key_id from developer_app_keys k where k.app_id = :app))""")
                .param("from", from).param("to", to).param("app", appId)
                .query((rs, n) -> new Calls(from, to, rs.getLong("calls"), rs.getLong("errors"))).single();
    }
}
