package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import dev.flywheel.identity.Role;
import dev.flywheel.support.Api;
import dev.flywheel.support.BrowserTest;
import dev.flywheel.webhooks.Receiver;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The partner portal's webhook pages in a real browser: a partner admin adds an endpoint for one
 * of their apps, reveals and rotates its secret, sends a test message and reads the attempt in
 * the delivery log; another partner's endpoint is not found, whichever way its id is slipped in.
 */
class PartnerWebhooksBrowserTest extends BrowserTest {

    private static final String PASSWORD = "partner-password-123";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private String app(MarketplaceFixtures.Partner partner, String name) {
        Api.Response app = api().as(partner.key()).post("/api/v1/apps", "{\"name\":\"" + name + "\",\"client_type\":\"confidential\","
                + "\"redirect_uris\":[\"https://app.example/callback\"],\"scopes\":[\"deals:read\",\"webhooks:write\"]}");
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        return app.text("id");
    }

    @Test
    void aPartnerAdminManagesTheirAppsEndpointAndCannotReachAnotherPartners() throws Exception {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Portal Hooks"));
        MarketplaceFixtures.Partner other = MarketplaceFixtures.technologyPartner(owner(), unique("Other Hooks"));
        String appName = unique("Deal Relay");
        String appId = app(partner, appName);
        app(partner, unique("Second App"));
        String otherApp = app(other, unique("Their App"));
        String otherUrl = "https://hooks.other-partner.example/" + unique("x");
        Api.Response foreign = api().as(other.key()).post("/api/v1/webhook-endpoints",
                "{\"url\":\"" + otherUrl + "\",\"event_types\":[\"deal.closed_won\"],\"app_id\":\"" + otherApp + "\"}");
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(201);
        String foreignId = foreign.text("id");
        String email = Customers.user(jdbc, passwords, partner.id(), Role.PARTNER_ADMIN, PASSWORD);

        try (Receiver receiver = new Receiver()) {
            signIn(email, PASSWORD);
            open("/console/webhooks");
            assertThat(text("main")).doesNotContain(otherUrl);
            find("details.card summary").click();
            new Select(find("select[name=app_id]")).selectByValue(appId);
            type("input[name=url]", receiver.url());
            type("input[name=eventTypes]", "deal.closed_won");
            submit("details.card button[type=submit]");
            assertThat(path()).startsWith("/console/webhooks/whk_");
            String endpointPath = path();
            String secret = text("#signing-secret");
            assertThat(secret).startsWith("whsec_");
            assertThat(text("main")).contains(appId).contains("delivers for 0 customer account(s)");

            // Reveal shows the same secret; rotating gives a new one, and both sign until the old one expires.
            submit("#reveal-secret");
            assertThat(text("#signing-secret")).isEqualTo(secret);
            ((JavascriptExecutor) browser()).executeScript("window.confirm = function () { return true; }");
            submit("#rotate-secret");
            assertThat(text(".flash.notice")).contains("both signatures");
            String rotated = text("#signing-secret");
            assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);

            // A test message goes out signed with both secrets and shows in the delivery log with its attempt.
            submit("#send-test");
            assertThat(text(".flash.notice")).contains("Test message queued");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
            Receiver.Received received = receiver.received().get(0);
            new Webhook(rotated).verify(received.body(), received.headers());
            new Webhook(secret).verify(received.body(), received.headers());
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                open(endpointPath);
                return text("#deliveries tbody").contains("delivered");
            });
            assertThat(text("#deliveries tbody")).contains("webhook.test").contains("200");
            submit("#deliveries tbody a");
            assertThat(text("#attempts tbody")).contains("200");
            assertThat(text("main")).contains("webhook.test");

            // The list shows this partner's endpoint with its app, and never the other partner's.
            open("/console/webhooks");
            assertThat(text("main")).contains(receiver.url()).contains(appId).doesNotContain(otherUrl).doesNotContain(foreignId);

            // URL tampering: another partner's endpoint, its delivery log entry, or a form aimed at it are not found.
            open("/console/webhooks/" + foreignId);
            assertNotFound(otherUrl);
            open("/console/webhooks/" + foreignId + "/deliveries/whd_0000");
            assertNotFound(otherUrl);
            open("/console/webhooks/" + endpointPath.substring("/console/webhooks/".length()) + "/deliveries/whd_0000");
            assertNotFound(otherUrl);
            open(endpointPath);
            ((JavascriptExecutor) browser()).executeScript(
                    "document.querySelector('#reveal-secret').form.action = '/console/webhooks/" + foreignId + "/secret';");
            submit("#reveal-secret");
            assertNotFound(otherUrl);
            assertThat(browser().findElements(By.id("signing-secret"))).isEmpty();
            // A status filter that does not exist is a bad request, not a server error.
            open(endpointPath + "?status=lost");
            assertThat(text("h1")).contains("400");
        }
    }

    private void assertNotFound(String foreignUrl) {
        assertThat(text("h1")).contains("404");
        assertThat(text("body")).doesNotContain(foreignUrl).doesNotContain("whsec_");
    }
}
