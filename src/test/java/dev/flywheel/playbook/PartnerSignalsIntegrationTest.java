package dev.flywheel.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The partner signals and the SLA rule read live data through the partners module's facade. */
@Tag("database")
class PartnerSignalsIntegrationTest extends IntegrationTest {

    @Autowired
    List<LaunchSignal> signals;

    @Autowired
    List<HealthRule> rules;

    private LaunchSignal.Measurement measure(LaunchCriterion criterion, Instant now) {
        return signals.stream().filter(s -> s.criterion() == criterion).findFirst().orElseThrow().measure(now);
    }

    @Test
    void aNewLeadAndRegistrationAreCountedAndAnOverdueRegistrationWarns() {
        Api owner = api().as(OWNER_KEY);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Api.Response partner = owner.post("/api/v1/partners", "{\"name\":\"Signals " + tag + "\",\"type\":\"referral\",\"domain\":\"sig-" + tag
                + ".example\",\"admin_email\":\"sig-" + tag + "@example.org\"}");
        String key = owner.post("/api/v1/partners/" + partner.text("id") + "/api-keys", "{\"name\":\"t\"}").text("key");
        Instant before = Instant.now();
        long leads = measure(LaunchCriterion.PARTNER_SOURCED_LEADS, before).value();
        long registrations = measure(LaunchCriterion.DEAL_REGISTRATION_IN_USE, before).value();

        owner.post("/api/v1/partners/" + partner.text("id") + "/coupons", "{\"code\":\"SIG" + tag + "\"}");
        assertThat(owner.post("/api/v1/referral-leads", "{\"email\":\"b@lead-" + tag + ".com\",\"coupon\":\"SIG" + tag + "\"}").status()).isEqualTo(201);
        Api.Response deal = api().as(key).post("/api/v1/deal-registrations", "{\"company\":\"Sig " + tag + "\",\"domain\":\"sig-prospect-" + tag
                + ".com\",\"contact_email\":\"cto@sig-prospect-" + tag + ".com\",\"estimated_value\":{\"amount\":100000,\"currency\":\"USD\"},"
                + "\"expected_close\":\"" + LocalDate.now(ZoneOffset.UTC).plusMonths(1) + "\"}");
        assertThat(deal.status()).as(deal.body()).isEqualTo(201);

        Instant now = Instant.now();
        assertThat(measure(LaunchCriterion.PARTNER_SOURCED_LEADS, now).value()).isGreaterThan(leads);
        LaunchSignal.Measurement m = measure(LaunchCriterion.DEAL_REGISTRATION_IN_USE, now);
        assertThat(m.value()).isGreaterThan(registrations);
        assertThat(m.evidence()).contains("deal registration(s) by");

        HealthRule sla = rules.stream().filter(r -> r.stall() == Stall.DEAL_REGISTRATION_SLA).findFirst().orElseThrow();
        // four days on, the 72-hour SLA of the new registration has passed (other tests' registrations may be waiting too)
        HealthRule.Finding later = sla.check(now.plus(Duration.ofDays(4)));
        assertThat(later.warnings()).singleElement().satisfies(w -> assertThat(w.evidence()).contains("wait beyond the 72-hour review SLA"));
    }
}
