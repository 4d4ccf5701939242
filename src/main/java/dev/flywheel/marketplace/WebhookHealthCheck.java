package dev.flywheel.marketplace;

import dev.flywheel.webhooks.AppWebhookHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Webhook endpoint health of the listing's app, from the webhooks module's delivery figures over
 * the last 7 days: fails when at least {@value #MIN_ATTEMPTS} attempts were made and fewer than
 * 90% succeeded; warns below 99% or when an endpoint of the app is disabled; passes otherwise, with
 * the figures as evidence. Not applicable only when no app is linked or the app has no endpoint.
 */
@Component
class WebhookHealthCheck implements ReviewCheck {

    static final Duration WINDOW = Duration.ofDays(7);
    static final int MIN_ATTEMPTS = 20;
    static final double FAIL_BELOW = 0.90;
    static final double WARN_BELOW = 0.99;

    private final AppWebhookHealth health;
    private final Clock clock;

    WebhookHealthCheck(AppWebhookHealth health, Clock clock) {
        this.health = health;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "webhook-endpoint-health";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Result check(Subject subject) {
        if (subject.appId() == null) {
            return new Result(name(), Outcome.NOT_APPLICABLE, List.of("no developer platform app is linked, so there are no webhook endpoints"));
        }
        return judge(name(), health.of(subject.appId(), clock.instant(), WINDOW));
    }

    /** The verdict on an app's figures; pure. */
    static Result judge(String check, AppWebhookHealth.Report report) {
        if (!report.hasEndpoints()) {
            return new Result(check, Outcome.NOT_APPLICABLE, List.of("the app has no webhook endpoints"));
        }
        AppWebhookHealth.Window w = report.current();
        String evidence = w.attempted() == 0
                ? "no delivery was attempted to the app's " + report.endpoints() + " endpoint(s) in the last 7 days"
                : w.succeeded() + " of " + w.attempted() + " delivery attempts succeeded in the last 7 days (" + percent(w.successRate()) + ")";
        List<String> warnings = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        if (report.disabled() > 0) {
            warnings.add(report.disabled() + " of the app's " + report.endpoints() + " webhook endpoint(s) are disabled; " + evidence);
        }
        if (w.attempted() >= MIN_ATTEMPTS && w.successRate() < FAIL_BELOW) {
            failures.add("webhook endpoints are failing: " + evidence + "; fix the receiver (the delivery log shows each response) and resubmit");
        } else if (w.attempted() > 0 && w.successRate() < WARN_BELOW) {
            warnings.add("some webhook deliveries fail: " + evidence);
        }
        if (failures.isEmpty() && warnings.isEmpty()) {
            return new Result(check, Outcome.PASSED, List.of(evidence));
        }
        return ReviewCheck.of(check, failures, warnings);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
