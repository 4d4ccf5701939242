package dev.flywheel.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.developer.AppApiTraffic;
import dev.flywheel.playbook.HealthRule.Finding;
import dev.flywheel.playbook.HealthRule.Severity;
import dev.flywheel.webhooks.AppWebhookHealth;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure thresholds of the rising-errors rule. */
class PartnerAppErrorsRuleTest {

    private static final Instant NOW = Instant.parse("2026-03-15T00:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-03-15");

    private static PartnerAppErrorsRule.AppFigures app(long attempted, long failed, long attemptedBefore, long failedBefore, long calls, long errors,
            long callsBefore, long errorsBefore) {
        Instant from = NOW.minus(PartnerAppErrorsRule.WINDOW);
        AppWebhookHealth.Report webhooks = new AppWebhookHealth.Report("app_1", 1, 0,
                new AppWebhookHealth.Window(from, NOW, attempted, attempted - failed, failed),
                new AppWebhookHealth.Window(from.minus(PartnerAppErrorsRule.WINDOW), from, attemptedBefore, attemptedBefore - failedBefore, failedBefore));
        return new PartnerAppErrorsRule.AppFigures("app_1", "Orbit Sync", "prt_1", webhooks,
                new AppApiTraffic.Calls(TODAY.minusDays(6), TODAY.plusDays(1), calls, errors),
                new AppApiTraffic.Calls(TODAY.minusDays(13), TODAY.minusDays(6), callsBefore, errorsBefore));
    }

    @Test
    void steadyLowErrorsAreHealthy() {
        Finding f = PartnerAppErrorsRule.evaluate(List.of(app(1000, 10, 1000, 10, 5000, 50, 5000, 40)));
        assertThat(f.warnings()).isEmpty();
        assertThat(f.checked()).contains("1 live app(s)");
    }

    @Test
    void risingWebhookFailuresWarnWithTheFiguresAndCriticalAboveAQuarter() {
        Finding f = PartnerAppErrorsRule.evaluate(List.of(app(200, 20, 200, 2, 0, 0, 0, 0)));
        assertThat(f.warnings()).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.subject()).contains("Orbit Sync").contains("prt_1");
            assertThat(w.evidence()).contains("20 of 200 webhook deliveries failed").contains("10.0%").contains("up from 1.0%");
            assertThat(w.action()).contains("delivery log");
        });
        assertThat(PartnerAppErrorsRule.evaluate(List.of(app(100, 30, 0, 0, 0, 0, 0, 0))).warnings())
                .singleElement().satisfies(w -> assertThat(w.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void highButFallingOrTooFewDoNotWarn() {
        assertThat(PartnerAppErrorsRule.evaluate(List.of(app(200, 20, 200, 40, 0, 0, 0, 0))).warnings()).isEmpty();
        assertThat(PartnerAppErrorsRule.evaluate(List.of(app(19, 19, 0, 0, 49, 49, 0, 0))).warnings()).isEmpty();
    }

    @Test
    void risingApiErrorsWarnSeparately() {
        Finding f = PartnerAppErrorsRule.evaluate(List.of(app(0, 0, 0, 0, 400, 40, 400, 4)));
        assertThat(f.warnings()).singleElement().satisfies(w -> assertThat(w.evidence()).contains("40 of 400 API calls failed").contains("up from 1.0%"));
    }
}
