package dev.flywheel.webhooks;

import dev.flywheel.developer.App;
import dev.flywheel.developer.Apps;
import dev.flywheel.events.EventFilter;
import dev.flywheel.events.EventPayload;
import dev.flywheel.events.Events;
import dev.flywheel.events.StoredEvent;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's partner-app webhooks. Runs after the marketplace demo, which tells this module of
 * the installs of the apps linked to listings: two of every three such apps get an endpoint
 * subscribed to their installs (the same way an endpoint created through the API is), and a
 * delivery history over the last {@value #HISTORY_DAYS} days for the events of the installed
 * accounts that the installs' scopes allow, routed by the engine's own rule ({@link AppRouting}).
 *
 * <p>No HTTP is sent: the history is written as the dispatcher records it (a delivery with its
 * attempts, retries on the engine's schedule, a response excerpt or an error), with outcomes drawn
 * from a per-app profile: healthy, flaky, failing more this week than last (the advisor and the
 * review check warn about it) or answering 410 Gone at the end (its endpoint is disabled). Nothing
 * is left waiting, so the dispatcher has nothing of the demo to send; the endpoints point at
 * {@code .example} hosts, which do not resolve, so a later real event to them fails honestly.
 */
@Component
class WebhooksDemo implements DemoContributor {

    static final int HISTORY_DAYS = 28;

    /** How an app's receiver behaves in the generated history: the chance an attempt fails, this week and before. */
    enum Profile {
        HEALTHY(0.004, 0.004), FLAKY(0.06, 0.05), DEGRADING(0.30, 0.01), GONE(0.02, 0.02);

        final double failThisWeek;
        final double failBefore;

        Profile(double failThisWeek, double failBefore) {
            this.failThisWeek = failThisWeek;
            this.failBefore = failBefore;
        }
    }

    private static final String[] FAILURES = {"HTTP 500", "HTTP 502", "HTTP 503", "HTTP 504", "timeout", "refused"};

    private final AppSubscriptionRepository subscriptions;
    private final WebhookEndpoints endpoints;
    private final EndpointRepository endpointRows;
    private final Apps apps;
    private final Events events;
    private final JsonMapper json;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final WebhooksProperties properties;
    private final Clock clock;

    WebhooksDemo(AppSubscriptionRepository subscriptions, WebhookEndpoints endpoints, EndpointRepository endpointRows, Apps apps, Events events,
            JsonMapper json, JdbcClient jdbc, DataSource dataSource, WebhooksProperties properties, Clock clock) {
        this.subscriptions = subscriptions;
        this.endpoints = endpoints;
        this.endpointRows = endpointRows;
        this.apps = apps;
        this.events = events;
        this.json = json;
        this.jdbc = jdbc;
        this.template = new JdbcTemplate(dataSource);
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 75;
    }

    private record Target(Endpoint endpoint, Profile profile) {
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        Instant now = clock.instant();
        List<String> installed = jdbc.sql("select distinct app_id from webhook_installs where status = 'ACTIVE' and mode = 'live' order by app_id")
                .query(String.class).list();
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < installed.size(); i++) {
            if (i % 3 == 2) {
                continue; // some apps have no endpoint: the review check says so rather than judging them
            }
            App app = apps.find(installed.get(i)).filter(App::isActive).orElse(null);
            if (app == null || !endpointRows.ofApp(app.id()).isEmpty()) {
                continue;
            }
            Profile profile = Profile.values()[targets.size() % Profile.values().length];
            String host = app.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
            Endpoint endpoint = endpoints.createForApp(app, "https://hooks." + (host.isEmpty() ? "partner" : host) + ".example/flywheel",
                    List.of("*"), "Demo endpoint: history generated, nothing sent", null, Map.of(), "demo").endpoint();
            targets.add(new Target(endpoint, profile));
        }
        if (targets.isEmpty()) {
            return;
        }
        History history = new History(random, now);
        Instant from = now.minus(Duration.ofDays(Math.min(HISTORY_DAYS, properties.retention().toDays())));
        PageQuery query = PageQuery.first(PageQuery.MAX_LIMIT);
        while (true) {
            CursorPage<StoredEvent> page = events.page(Mode.LIVE, new EventFilter(null, null, null, null, null, from, now), query);
            AppRouting routing = AppRouting.load(Mode.LIVE, page.data(), subscriptions, events);
            for (StoredEvent event : page.data()) {
                String payload = null;
                for (Target target : targets) {
                    if (!target.endpoint().subscribes(event.type())) {
                        continue;
                    }
                    String subscription = routing.subscription(target.endpoint(), event);
                    if (subscription == null) {
                        continue;
                    }
                    if (payload == null) {
                        payload = json.writeValueAsString(EventPayload.of(json, event));
                    }
                    history.delivery(target, event, payload, subscription);
                }
            }
            history.flush();
            if (!page.hasMore()) {
                break;
            }
            query = new PageQuery(PageQuery.MAX_LIMIT, page.nextStartingAfter());
        }
        for (Target target : targets) {
            if (target.profile() == Profile.GONE) {
                history.gone(target, now);
            }
        }
        history.flush();
    }

    /** Delivery and attempt rows as the dispatcher writes them, inserted in batches. */
    private final class History {

        private final Random random;
        private final Instant now;
        private final RetrySchedule schedule = new RetrySchedule(properties.retrySchedule(), properties.jitter());
        private final List<Object[]> deliveries = new ArrayList<>();
        private final List<Object[]> attempts = new ArrayList<>();

        History(Random random, Instant now) {
            this.random = random;
            this.now = now;
        }

        void delivery(Target target, StoredEvent event, String payload, String subscription) {
            String id = Ids.next("whd");
            Instant queued = event.occurredAt().isAfter(now) ? now : event.occurredAt();
            boolean thisWeek = queued.isAfter(now.minus(Duration.ofDays(7)));
            double failure = thisWeek ? target.profile().failThisWeek : target.profile().failBefore;
            Instant at = queued.plusMillis(20 + random.nextInt(200));
            int made = 0;
            while (true) {
                made++;
                Duration next = schedule.next(made, random::nextDouble).orElse(null);
                // Failing is only written when the retry it schedules is already in the past (or none is left): nothing is left waiting.
                boolean fails = random.nextDouble() < failure && (next == null || at.plus(next).isBefore(now));
                if (!fails) {
                    long latency = latency();
                    attempt(id, target, at, 200, latency, "succeeded", null, "{\"received\":true}");
                    deliveries.add(row(id, target, event, payload, "DELIVERED", made, made, at, 200, null, subscription, at.plusMillis(latency)));
                    return;
                }
                String failureKind = FAILURES[random.nextInt(FAILURES.length)];
                Integer status = failureKind.startsWith("HTTP ") ? Integer.valueOf(failureKind.substring(5)) : null;
                String error = switch (failureKind) {
                    case "timeout" -> "no complete response within " + properties.timeout().toSeconds() + " s";
                    case "refused" -> "connection refused";
                    default -> null;
                };
                long latency = "timeout".equals(failureKind) ? properties.timeout().toMillis() : latency();
                attempt(id, target, at, status, latency, "failed", error, status == null ? null : "<html><body>" + failureKind + "</body></html>");
                if (next == null) {
                    deliveries.add(row(id, target, event, payload, "FAILED", made, made, at, status, error != null ? error : failureKind, subscription,
                            null));
                    return;
                }
                at = at.plus(next);
            }
        }

        /** The receiver of a GONE app answered 410 to its latest message: that message failed at once and the endpoint was disabled. */
        void gone(Target target, Instant now) {
            flush();
            jdbc.sql("select id, created_at from webhook_deliveries where endpoint_id = :e order by created_at desc limit 1")
                    .param("e", target.endpoint().id()).query((rs, n) -> Map.entry(rs.getString("id"), Sql.instant(rs, "created_at"))).optional()
                    .ifPresent(last -> {
                        Instant at = last.getValue().plusMillis(150);
                        jdbc.sql("delete from webhook_attempts where delivery_id = :id").param("id", last.getKey()).update();
                        jdbc.sql("""
                                update webhook_deliveries set status = 'FAILED', attempts = 1, retry_step = 1, next_attempt_at = :at,
                                       last_status_code = 410, last_error = '410 Gone: the receiver asked to stop', delivered_at = null
                                 where id = :id""").param("id", last.getKey()).param("at", Sql.at(at)).update();
                        attempt(last.getKey(), target, at, 410, latency(), "failed", null, "{\"error\":\"this integration was removed\"}");
                    });
            endpointRows.setStatus(target.endpoint().id(), EndpointStatus.DISABLED, "the endpoint answered 410 Gone", now);
        }

        private long latency() {
            // Mostly quick receivers with a long tail, as real ones have.
            return 40 + (long) (Math.abs(random.nextGaussian()) * 120) + (random.nextInt(50) == 0 ? 900 + random.nextInt(3000) : 0);
        }

        private void attempt(String deliveryId, Target target, Instant at, Integer status, long latency, String outcome, String error, String excerpt) {
            attempts.add(new Object[] {Ids.next("wha"), deliveryId, target.endpoint().id(), Sql.at(at), status, latency, outcome, error, excerpt});
        }

        private Object[] row(String id, Target target, StoredEvent event, String payload, String status, int retryStep, int made, Instant lastAt,
                Integer lastStatus, String lastError, String subscription, Instant deliveredAt) {
            return new Object[] {id, target.endpoint().id(), event.id(), event.type(), event.orderingKey(), payload, status, retryStep, made,
                Sql.at(lastAt), Sql.at(event.occurredAt().isAfter(now) ? now : event.occurredAt()), Sql.at(deliveredAt), lastStatus, lastError,
                subscription};
        }

        void flush() {
            if (!deliveries.isEmpty()) {
                template.batchUpdate("""
                        insert into webhook_deliveries (id, endpoint_id, event_id, event_type, ordering_key, payload, status, retry_step, attempts,
                                                        next_attempt_at, created_at, delivered_at, last_status_code, last_error, subscription_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", deliveries);
                deliveries.clear();
            }
            if (!attempts.isEmpty()) {
                template.batchUpdate("""
                        insert into webhook_attempts (id, delivery_id, endpoint_id, attempted_at, status_code, latency_ms, outcome, error, response_excerpt)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", attempts);
                attempts.clear();
            }
        }
    }
}
