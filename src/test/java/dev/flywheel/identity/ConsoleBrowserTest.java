package dev.flywheel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.BrowserTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

class ConsoleBrowserTest extends BrowserTest {

    @Test
    void accountSearchNarrowsTheListAsYouType() {
        String tag = unique("zq").replace("-", "");
        api().as(OWNER_KEY).put("/api/v1/accounts/" + tag + "-1", "{\"name\":\"Initech " + tag + "\",\"domain\":\"initech.example\"}");
        api().as(OWNER_KEY).put("/api/v1/accounts/" + tag + "-2", "{\"name\":\"Umbrella " + tag + "\"}");

        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/accounts");
        type("input[type=search]", "Umbrella " + tag);
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> {
            String results = d.findElement(org.openqa.selenium.By.id("results")).getText();
            return results.contains("Umbrella " + tag) && !results.contains("Initech " + tag);
        });
        assertThat(browser().getCurrentUrl()).contains("q=Umbrella");
    }

    @Test
    void theOwnerCreatesAKeySeesItOnceAndRevokesIt() {
        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/api-keys");
        String name = unique("Backend");
        type("input[name=name]", name);
        find("form.row button[type=submit]").click();
        String secret = text("#new-key");
        assertThat(secret).startsWith("fw_live_");
        assertThat(api().as(secret).get("/api/v1/partners").status()).isEqualTo(200);

        open("/console/api-keys");
        assertThat(browser().getPageSource()).doesNotContain(secret);
        // Revoking asks for confirmation first.
        var row = browser().findElements(org.openqa.selenium.By.cssSelector("tbody tr")).stream()
                .filter(r -> r.getText().contains(name)).findFirst().orElseThrow();
        row.findElement(org.openqa.selenium.By.cssSelector("button.danger")).click();
        browser().switchTo().alert().accept();
        assertThat(text(".flash.notice")).contains("revoked");
        assertThat(api().as(secret).get("/api/v1/partners").status()).isEqualTo(401);
    }

    @Test
    void thePhoneLayoutHidesTheNavigationBehindAMenuButton() {
        browser().manage().window().setSize(new org.openqa.selenium.Dimension(390, 800));
        try {
            signIn(OWNER_EMAIL, OWNER_PASSWORD);
            assertThat(find("#sidebar").isDisplayed()).isFalse();
            find(".nav-toggle").click();
            assertThat(find("#sidebar").isDisplayed()).isTrue();
            screenshot("console-phone");
        } finally {
            browser().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }
}
