package dev.flywheel.playbook;

import dev.flywheel.developer.App;
import dev.flywheel.developer.AppApiTraffic;
import dev.flywheel.developer.Apps;
import dev.flywheel.webhooks.AppWebhookHealth;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Rising webhook failures or API errors for a partner's app: for each active live app, the last
 * 7 days against the 7 before. Webhooks: attempts to the app's endpoints that failed (webhooks
 * module); API: the app's calls answered with a 4xx other than 429 (developer module).
 *
 * <p>A figure warns when its window has enough volume ({@value #MIN_ATTEMPTS} attempts,
 * {@value #MIN_CALLS} calls), its rate is at least {@value #WARN_PERCENT}%, and it rose by at
 * least {@value #RISE_POINTS} percentage points (or there is no earlier window to compare with);
 * at {@value #CRITICAL_PERCENT}% or more it is critical.
 */
@Component
class PartnerAppErrorsRule implements HealthRule {

    static final Duration WINDOW = Duration.ofDays(7);
    static final int MIN_ATTEMPTS = 20;
    static final int MIN_CALLS = 50;
    static final double WARN_PERCENT = 5;
    static final double CRITICAL_PERCENT = 25;
    static final double RISE_POINTS = 2;

    /** One app's two figures, each now and in the window before. */
    record AppFigures(String appId, String appName, String partnerId, AppWebhookHealth.Report webhooks, AppApiTraffic.Calls apiNow,
            AppApiTraffic.Calls apiBefore) {
    }

    private final Apps apps;
    private final AppWebhookHealth webhooks;
    private final AppApiTraffic api;

    PartnerAppErrorsRule(Apps apps, AppWebhookHealth webhooks, AppApiTraffic api) {
        this.apps = apps;
        this.webhooks = webhooks;
        this.api = api;
    }

    @Override
    public Stall stall() {
        return Stall.PARTNER_APP_ERRORS;
    }

    @Override
    public Finding check(Instant now) {
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate from = today.minusDays(WINDOW.toDays() - 1);
        List<AppFigures> figures = new ArrayList<>();
        for (App app : apps.activeLive()) {
            figures.add(new AppFigures(app.id(), app.name(), app.organizationId(), webhooks.of(app.id(), now, WINDOW),
                    api.of(app.id(), from, today.plusDays(1)), api.of(app.id(), from.minusDays(WINDOW.toDays()), from)));
        }
        return evaluate(figures);
    }

    /** Pure: the warnings for the apps' figures. */
    static Finding evaluate(List<AppFigures> apps) {
        List<Warning> warnings = new ArrayList<>();
        for (AppFigures app : apps) {
            AppWebhookHealth.Window now = app.webhooks().current();
            AppWebhookHealth.Window before = app.webhooks().previous();
            String subject = "App '" + app.appName() + "' (" + app.appId() + ", partner " + app.partnerId() + ")";
            if (now.attempted() >= MIN_ATTEMPTS && rising(now.failureRate(), before.failureRate())) {
                warnings.add(new Warning(severity(now.failureRate()), subject,
                        now.failed() + " of " + now.attempted() + " webhook deliveries failed in the last 7 days (" + pct(now.failureRate()) + ")"
                                + (before.failureRate() == null ? ", with none attempted the 7 days before"
                                        : ", up from " + pct(before.failureRate()) + " the 7 days before")
                                + (app.webhooks().disabled() > 0 ? "; " + app.webhooks().disabled() + " endpoint(s) disabled" : "") + ".",
                        "Ask the partner to open the endpoint's delivery log in the partner portal (Webhooks), fix what their receiver "
                                + "answers, then recover the failed messages; customers of the app are missing events meanwhile."));
            }
            if (app.apiNow().calls() >= MIN_CALLS && rising(app.apiNow().errorRate(), app.apiBefore().errorRate())) {
                warnings.add(new Warning(severity(app.apiNow().errorRate()), subject,
                        app.apiNow().clientErrors() + " of " + app.apiNow().calls() + " API calls failed on the app's side in the last 7 days ("
                                + pct(app.apiNow().errorRate()) + ")" + (app.apiBefore().errorRate() == null ? ", with no calls the 7 days before"
                                        : ", up from " + pct(app.apiBefore().errorRate()) + " the 7 days before") + ".",
                        "Ask the partner to check the problem details their calls get back (missing scopes, validation errors, a retired API "
                                + "version) and the deprecation notices; offer the developer portal's migration guide if a version change is behind it."));
            }
        }
        String checked = apps.size() + " live app(s): webhook failures and API errors over the last 7 days against the 7 before.";
        return new Finding(checked, List.copyOf(warnings));
    }

    private static boolean rising(Double now, Double before) {
        return now != null && now * 100 >= WARN_PERCENT && (before == null || (now - before) * 100 >= RISE_POINTS);
    }

    private static Severity severity(double rate) {
        return rate * 100 >= CRITICAL_PERCENT ? Severity.CRITICAL : Severity.WARNING;
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
