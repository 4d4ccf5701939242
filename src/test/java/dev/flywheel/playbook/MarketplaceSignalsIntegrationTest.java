package dev.flywheel.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The marketplace signal and rules read live data through the marketplace module's read facade. */
@Tag("database")
class MarketplaceSignalsIntegrationTest extends IntegrationTest {

    @Autowired
    List<LaunchSignal> signals;

    @Autowired
    List<HealthRule> rules;

    private HealthRule rule(Stall stall) {
        return rules.stream().filter(r -> r.stall() == stall).findFirst().orElseThrow();
    }

    @Test
    void aNewlyPublishedListingCountsItsPartnerAndWarnsWhenNobodyInstallsIt() {
        Api owner = api().as(OWNER_KEY);
        LaunchSignal partners = signals.stream().filter(s -> s.criterion() == LaunchCriterion.ACTIVE_INTEGRATION_PARTNERS).findFirst().orElseThrow();
        long before = partners.measure(Instant.now()).value();

        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Adopt " + tag;
        Api.Response partner = owner.post("/api/v1/partners", "{\"name\":\"Playbook " + tag + "\",\"type\":\"technology\",\"admin_email\":\"pb-" + tag
                + "@example.org\"}");
        assertThat(partner.status()).as(partner.body()).isEqualTo(201);
        Api key = owner.as(owner.post("/api/v1/partners/" + partner.text("id") + "/api-keys", "{\"name\":\"marketplace\"}").text("key"));
        Api.Response created = key.post("/api/v1/marketplace/managed-listings", listing(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        assertThat(key.post("/api/v1/marketplace/managed-listings/" + id + "/submit", "").status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> "human_review".equals(key.get("/api/v1/marketplace/managed-listings/" + id).text("state")));
        Api.Response approved = owner.post("/api/v1/marketplace/managed-listings/" + id + "/approve", "{\"note\":\"looks good\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        Instant now = Instant.now();
        LaunchSignal.Measurement m = partners.measure(now);
        assertThat(m.value()).isEqualTo(before + 1);
        assertThat(m.evidence()).contains("published listing(s) live in the marketplace");

        assertThat(rule(Stall.NO_ADOPTION).check(now).warnings()).noneSatisfy(w -> assertThat(w.evidence()).contains(name));
        HealthRule.Finding later = rule(Stall.NO_ADOPTION).check(now.plus(Duration.ofDays(31)));
        assertThat(later.warnings()).singleElement().satisfies(w -> assertThat(w.evidence()).contains("'" + name + "' (published ")
                .contains("never installed"));

        assertThat(rule(Stall.SINGLE_APP).check(now).checked()).contains("install(s) in the last 30 days across");
        assertThat(rule(Stall.UNANSWERED_REVIEWS).check(now).checked()).contains("without a reply from the app's developer");
    }

    private static String listing(String name) {
        return """
                {"name":"%s","tagline":"Tracks adoption for the playbook",
                 "job":"Keeps every customer conversation in one timeline so account managers never miss a renewal signal again.",
                 "how_it_works":"Reads contacts and deals through the API, and listens to invoice events to update the timeline.",
                 "setup":"Install, approve the requested scopes, pick the pipelines to sync, and the first sync starts at once.",
                 "categories":["crm"],"keywords":["adoption"],
                 "screenshots":["https://cdn.acme.example/s1.png","https://cdn.acme.example/s2.png","https://cdn.acme.example/s3.png"],
                 "demo_video_url":"https://video.acme.example/demo",
                 "pricing":[{"name":"Free","kind":"free","amount":0,"currency":"USD"}],
                 "website_url":"https://acme.example","support_url":"https://acme.example/support","privacy_url":"https://acme.example/privacy",
                 "terms_url":"https://acme.example/terms",
                 "required_scopes":["contacts:read","deals:read"],
                 "features":[{"name":"Timeline of contacts","scopes":["contacts:read"]},{"name":"Renewal alerts","scopes":["deals:read"]}],
                 "event_types":["invoice.paid"],"api_versions":["2026-01-15"]}
                """.formatted(name);
    }
}
