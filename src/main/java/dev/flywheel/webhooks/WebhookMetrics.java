package dev.flywheel.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Delivery metrics: {@code flywheel.webhooks.attempts} by outcome (success rate =
 * success / all), {@code flywheel.webhooks.attempt.latency} (HTTP round trip),
 * {@code flywheel.webhooks.delivery.lag} (event accepted to delivered), and
 * {@code flywheel.webhooks.claims.reclaimed} (claims taken over after a dispatcher died), and
 * {@code flywheel.webhooks.deliveries.cancelled} by reason ({@code uninstalled}, {@code suspended},
 * {@code install_ended}): partner-app messages that never went out because the install stopped.
 * Cancelled messages are not attempts, so they never count against the success rate. Queue depth
 * and the age of the oldest waiting message are gauges registered by the configuration.
 */
class WebhookMetrics {

    private final Counter succeeded;
    private final Counter failed;
    private final Counter rateLimited;
    private final Counter reclaimed;
    private final java.util.Map<CancelReason, Counter> cancelled = new java.util.EnumMap<>(CancelReason.class);
    private final Timer latency;
    private final Timer lag;

    WebhookMetrics(MeterRegistry registry) {
        this.succeeded = Counter.builder("flywheel.webhooks.attempts").tag("outcome", "success").description("Delivery attempts").register(registry);
        this.failed = Counter.builder("flywheel.webhooks.attempts").tag("outcome", "failure").description("Delivery attempts").register(registry);
        this.rateLimited = Counter.builder("flywheel.webhooks.rate_limited").description("Deliveries postponed by an endpoint's rate limit")
                .register(registry);
        this.reclaimed = Counter.builder("flywheel.webhooks.claims.reclaimed").description("Claims released after their lease ended")
                .register(registry);
        for (CancelReason reason : CancelReason.values()) {
            cancelled.put(reason, Counter.builder("flywheel.webhooks.deliveries.cancelled").tag("reason", reason.tag)
                    .description("Partner-app messages cancelled before they went out because their install stopped").register(registry));
        }
        this.latency = Timer.builder("flywheel.webhooks.attempt.latency").description("HTTP round trip of an attempt")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.lag = Timer.builder("flywheel.webhooks.delivery.lag").description("From the message being queued to its successful delivery")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void attempt(boolean success, long latencyMillis) {
        (success ? succeeded : failed).increment();
        latency.record(Duration.ofMillis(latencyMillis));
    }

    void delivered(Duration sinceQueued) {
        lag.record(sinceQueued.isNegative() ? Duration.ZERO : sinceQueued);
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void reclaimed(int count) {
        reclaimed.increment(count);
    }

    void cancelled(CancelReason reason, int count) {
        if (count > 0) {
            cancelled.get(reason).increment(count);
        }
    }

    /** Why partner-app messages were cancelled: the tag of {@code flywheel.webhooks.deliveries.cancelled}. */
    enum CancelReason {
        /** The customer uninstalled the app. */
        UNINSTALLED("uninstalled"),
        /** The owner suspended the app's listing. */
        SUSPENDED("suspended"),
        /** Queued by an event stored as the install stopped, found later (or when the app was reinstated). */
        INSTALL_ENDED("install_ended");

        final String tag;

        CancelReason(String tag) {
            this.tag = tag;
        }
    }
}
