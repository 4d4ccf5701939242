package dev.flywheel.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import dev.flywheel.webhooks.AppWebhookHealth;
import dev.flywheel.webhooks.Receiver;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The advisor sees a partner app's failing webhooks and API errors from the webhooks and developer modules' real figures. */
@Tag("database")
class PartnerAppErrorsIntegrationTest extends IntegrationTest {

    @Autowired
    PartnerAppErrorsRule rule;
    @Autowired
    AppWebhookHealth health;

    @Test
    void failingDeliveriesAndClientErrorsOfAnAppBecomeWarningsWithEvidence() {
        Api owner = api().as(OWNER_KEY);
        Api.Response partner = owner.post("/api/v1/partners", "{\"name\":\"" + unique("Flaky") + "\",\"type\":\"technology\",\"admin_email\":\""
                + unique("flaky").replaceAll("[^a-z0-9-]", "") + "@example.org\"}");
        assertThat(partner.status()).as(partner.body()).isEqualTo(201);
        Api partnerKey = api().as(owner.post("/api/v1/partners/" + partner.text("id") + "/api-keys", "{\"name\":\"k\"}").text("key"));
        Api.Response app = partnerKey.post("/api/v1/apps", "{\"name\":\"" + unique("Flaky Sync") + "\",\"client_type\":\"confidential\","
                + "\"redirect_uris\":[\"https://flaky.example/cb\"],\"scopes\":[\"deals:read\",\"webhooks:read\",\"webhooks:write\"]}");
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        String basic = "Basic " + Base64.getEncoder().encodeToString((enc(app.text("client_id")) + ":" + enc(app.text("client_secret")))
                .getBytes(StandardCharsets.UTF_8));
        String token = api().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/oauth2/token")).header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + enc("webhooks:read webhooks:write")))).text("access_token");
        Api asApp = api().as(token);

        try (Receiver receiver = new Receiver()) {
            receiver.answer(r -> Receiver.Answer.status(500));
            String endpoint = asApp.post("/api/v1/webhook-endpoints", "{\"url\":\"" + receiver.url() + "\",\"event_types\":[\"deal.closed_won\"]}").text("id");
            for (int i = 0; i < 12; i++) {
                assertThat(asApp.post("/api/v1/webhook-endpoints/" + endpoint + "/test", "").status()).isEqualTo(202);
            }
            // 60 calls the app gets wrong (an endpoint id that does not exist) and nothing else.
            for (int i = 0; i < 60; i++) {
                assertThat(asApp.get("/api/v1/webhook-endpoints/whk_missing" + i).status()).isEqualTo(404);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> health.of(app.text("id"), Instant.now(), Duration.ofDays(7)).current().failed() >= 20);
            AppWebhookHealth.Report report = health.of(app.text("id"), Instant.now(), Duration.ofDays(7));
            assertThat(report.endpoints()).isEqualTo(1);
            assertThat(report.current().succeeded()).isZero();
            assertThat(report.previous().attempted()).isZero();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rule.check(Instant.now()).warnings().stream()
                    .filter(w -> w.subject().contains(app.text("id"))).count() == 2);
            HealthRule.Finding finding = rule.check(Instant.now());
            assertThat(finding.warnings()).filteredOn(w -> w.subject().contains(app.text("id")))
                    .anySatisfy(w -> {
                        assertThat(w.severity()).isEqualTo(HealthRule.Severity.CRITICAL);
                        assertThat(w.evidence()).contains("webhook deliveries failed").contains("100.0%");
                    })
                    .anySatisfy(w -> assertThat(w.evidence()).contains("API calls failed on the app's side"));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
