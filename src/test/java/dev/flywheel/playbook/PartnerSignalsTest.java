package dev.flywheel.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.partners.PartnerActivity;
import dev.flywheel.playbook.HealthRule.Finding;
import dev.flywheel.playbook.HealthRule.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartnerSignalsTest {

    private static final Instant NOW = Instant.parse("2026-04-01T12:00:00Z");
    private static final Duration SLA = Duration.ofHours(72);

    private static PartnerActivity.WaitingRegistration waiting(String company, String partner, Duration overdue) {
        Instant due = NOW.minus(overdue);
        return new PartnerActivity.WaitingRegistration("drg_" + company, "org_" + partner, partner, company, due.minus(SLA), due);
    }

    @Test
    void countsSinceTheLaunchStartWhenOneIsSet() {
        PartnerLaunchSignals.Window w = PartnerLaunchSignals.window(LocalDate.parse("2026-03-01"), NOW);
        assertThat(w.from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(w.description()).isEqualTo("since the launch started on 2026-03-01");
    }

    @Test
    void countsTheLast90DaysWithoutAStartOrWithOneInTheFuture() {
        assertThat(PartnerLaunchSignals.window(null, NOW).from()).isEqualTo(NOW.minus(Duration.ofDays(90)));
        PartnerLaunchSignals.Window future = PartnerLaunchSignals.window(LocalDate.parse("2026-05-01"), NOW);
        assertThat(future.from()).isEqualTo(NOW.minus(Duration.ofDays(90)));
        assertThat(future.description()).contains("last 90 days");
    }

    @Test
    void leadAndRegistrationMeasurementsSayWhatTheyCounted() {
        PartnerLaunchSignals.Window w = PartnerLaunchSignals.window(LocalDate.parse("2026-03-01"), NOW);
        assertThat(PartnerLaunchSignals.leads(0, w).value()).isZero();
        assertThat(PartnerLaunchSignals.leads(0, w).evidence()).startsWith("No lead attributed to a partner");
        assertThat(PartnerLaunchSignals.leads(3, w).evidence()).isEqualTo("3 lead(s) attributed to partners by referral link or coupon since the launch started on 2026-03-01.");
        LaunchSignal.Measurement m = PartnerLaunchSignals.registrations(new PartnerActivity.Registrations(7, 2), w);
        assertThat(m.value()).isEqualTo(7);
        assertThat(m.evidence()).contains("7 deal registration(s) by 2 partner(s)");
        assertThat(PartnerLaunchSignals.registrations(new PartnerActivity.Registrations(0, 0), w).evidence()).startsWith("No deal registered");
    }

    @Test
    void noRegistrationPastTheSlaIsHealthy() {
        Finding f = DealRegistrationSlaRule.evaluate(new PartnerActivity.Overdue(SLA, 0, List.of()), NOW);
        assertThat(f.warnings()).isEmpty();
        assertThat(f.checked()).contains("72-hour SLA");
    }

    @Test
    void warnsAboutRegistrationsPastTheSlaNamingThePartners() {
        Finding f = DealRegistrationSlaRule.evaluate(new PartnerActivity.Overdue(SLA, 2, List.of(waiting("Acme", "Agency One", Duration.ofHours(30)),
                waiting("Globex", "Agency Two", Duration.ofHours(5)))), NOW);
        assertThat(f.warnings()).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.subject()).isEqualTo("Partners waiting: Agency One, Agency Two");
            assertThat(w.evidence()).contains("2 registration(s) wait beyond the 72-hour review SLA").contains("Acme from Agency One")
                    .contains("30 h overdue");
            assertThat(w.action()).contains("oldest first");
        });
    }

    @Test
    void criticalWhenOneWaitedTwiceTheSlaPastDueOrManyWait() {
        Finding old = DealRegistrationSlaRule.evaluate(new PartnerActivity.Overdue(SLA, 1, List.of(waiting("Acme", "A", Duration.ofHours(145)))), NOW);
        assertThat(old.warnings().get(0).severity()).isEqualTo(Severity.CRITICAL);
        Finding edge = DealRegistrationSlaRule.evaluate(new PartnerActivity.Overdue(SLA, 1, List.of(waiting("Acme", "A", Duration.ofHours(144)))), NOW);
        assertThat(edge.warnings().get(0).severity()).isEqualTo(Severity.WARNING);
        Finding many = DealRegistrationSlaRule.evaluate(new PartnerActivity.Overdue(SLA, 5, List.of(waiting("Acme", "A", Duration.ofHours(1)))), NOW);
        assertThat(many.warnings().get(0).severity()).isEqualTo(Severity.CRITICAL);
    }
}
