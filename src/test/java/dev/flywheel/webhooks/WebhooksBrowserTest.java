package dev.flywheel.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import dev.flywheel.support.BrowserTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class WebhooksBrowserTest extends BrowserTest {

    @Test
    void anOwnerAdminCreatesAnEndpointSendsATestMessageAndRotatesTheSecret() throws Exception {
        try (Receiver receiver = new Receiver()) {
            signIn(OWNER_EMAIL, OWNER_PASSWORD);
            open("/console/webhooks");
            find("details.card summary").click();
            type("input[name=url]", receiver.url());
            type("input[name=eventTypes]", "user.created");
            find("details.card button[type=submit]").click();
            String secret = text("#signing-secret");
            assertThat(secret).startsWith("whsec_");
            assertThat(path()).startsWith("/console/webhooks/whk_");

            find("#send-test").click();
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !receiver.received().isEmpty());
            Receiver.Received received = receiver.received().get(0);
            new Webhook(secret).verify(received.body(), received.headers());

            open(path());
            Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                open(path());
                return text("#deliveries tbody").contains("delivered");
            });
            find("#deliveries tbody a").click();
            assertThat(text("#attempts tbody")).contains("200");

            browser().navigate().back();
            find("#reveal-secret").click();
            assertThat(text("#signing-secret")).isEqualTo(secret);
            ((org.openqa.selenium.JavascriptExecutor) browser()).executeScript("window.confirm = function () { return true; }");
            find("#rotate-secret").click();
            assertThat(text(".flash.notice")).contains("both signatures");
            String rotated = text("#signing-secret");
            assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
            open(path());
            ((org.openqa.selenium.JavascriptExecutor) browser()).executeScript("window.confirm = function () { return true; }");
            find("form[action$='/delete'] button").click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser(), WAIT).until(d -> path().equals("/console/webhooks"));
        }
    }
}
