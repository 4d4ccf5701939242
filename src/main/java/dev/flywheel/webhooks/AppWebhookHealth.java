package dev.flywheel.webhooks;

import dev.flywheel.platform.jdbc.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Webhook delivery health of one partner app (module API): delivery attempts to the app's
 * endpoints that succeeded (2xx) or failed, over a window, and the same over the window before it,
 * so a rise in failures shows as a trend. Read from the attempt log, so it covers at most the
 * retention period ({@code flywheel.webhooks.retention}, 30 days by default).
 */
@Service
public class AppWebhookHealth {

    /** Attempts in {@code [from, to)}. */
    public record Window(Instant from, Instant to, long attempted, long succeeded, long failed) {

        /** Share of attempts that succeeded, or null when nothing was attempted. */
        public Double successRate() {
            return attempted == 0 ? null : (double) succeeded / attempted;
        }

        /** Share of attempts that failed, or null when nothing was attempted. */
        public Double failureRate() {
            return attempted == 0 ? null : (double) failed / attempted;
        }
    }

    /**
     * @param endpoints the app's endpoints (any status); zero means there is nothing to measure
     * @param disabled how many of them are disabled (by their owner, a 410 Gone, or failing for days)
     * @param current the window ending now
     * @param previous the window of the same length before it
     */
    public record Report(String appId, int endpoints, int disabled, Window current, Window previous) {

        public boolean hasEndpoints() {
            return endpoints > 0;
        }

        /**
         * Change of the failure rate from the previous window to the current one, in percentage
         * points; null when either window had no attempts.
         */
        public Double failureTrendPoints() {
            Double now = current.failureRate();
            Double before = previous.failureRate();
            return now == null || before == null ? null : (now - before) * 100;
        }
    }

    private final JdbcClient jdbc;
    private final EndpointRepository endpoints;

    AppWebhookHealth(JdbcClient jdbc, EndpointRepository endpoints) {
        this.jdbc = jdbc;
        this.endpoints = endpoints;
    }

    /** The app's figures for the window ending at {@code asOf} and the one before it. */
    public Report of(String appId, Instant asOf, Duration window) {
        List<Endpoint> own = endpoints.ofApp(appId);
        int disabled = (int) own.stream().filter(e -> !e.enabled()).count();
        Instant start = asOf.minus(window);
        return new Report(appId, own.size(), disabled, window(appId, start, asOf), window(appId, start.minus(window), start));
    }

    private Window window(String appId, Instant from, Instant to) {
        return jdbc.sql("""
                select count(*) as attempted, coalesce(sum(case when a.outcome = 'succeeded' then 1 else 0 end), 0) as succeeded
                  from webhook_attempts a join webhook_endpoints e on e.id = a.endpoint_id
                 where e.app_id = :app and a.attempted_at >= :from and a.attempted_at < :to""")
                .param("app", appId).param("from", Sql.at(from)).param("to", Sql.at(to))
                .query((rs, n) -> {
                    long attempted = rs.getLong("attempted");
                    long succeeded = rs.getLong("succeeded");
                    return new Window(from, to, attempted, succeeded, attempted - succeeded);
                }).single();
    }
}
