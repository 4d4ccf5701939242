package dev.flywheel.community;

import static dev.flywheel.community.CommunityFixtures.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

class GalleryBrowserTest extends BrowserTest {

    private static final String STRIPE_KEY = "sk_live_" + "51HqLyjWDarjtT1zdp7dcXYZabc";

    @Test
    void aSecretIsCaughtThenRedactedModeratedAndPublished() {
        String title = unique("Invoices to Slack");
        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/community/submit");
        type("input[name=title]", title);
        type("textarea[name=description]", "Posts each paid invoice to the finance channel.");
        setValue("textarea[name=payload]", workflow("Stripe key " + STRIPE_KEY).toString());
        find("#submit-form button[type=submit]").click();

        // Caught: the form comes back with the exact place of the secret, and nothing was saved.
        assertThat(text("#findings")).contains("$.nodes[1].parameters.text").contains("Stripe secret key");
        assertThat(text(".flash.error")).contains("Nothing was saved");
        screenshot("community-submit-secret-caught");

        find("input[name=onSecret][value=redact]").click();
        find("#submit-form button[type=submit]").click();
        assertThat(text(".flash.notice")).contains("1 secret(s) redacted");
        assertThat(text("#payload")).contains("[redacted:stripe-key]").doesNotContain(STRIPE_KEY);
        assertThat(text("#state-note")).contains("in review");
        String templatePath = path();

        open("/console/community/moderation");
        WebElement item = browser().findElements(By.cssSelector(".queue-item")).stream()
                .filter(e -> e.getText().contains(title)).findFirst().orElseThrow();
        assertThat(item.getText()).contains("$.nodes[1].parameters.text");
        item.findElement(By.cssSelector("button.approve")).click();
        assertThat(text(".flash.notice")).contains(title).contains("published");

        // Published: anyone, signed out, finds it in the gallery.
        browser().manage().deleteAllCookies();
        open("/community");
        type("input[type=search]", title);
        // The results are redrawn as the search is typed: read and click them only in the final list.
        new WebDriverWait(browser(), WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("results")).getText().contains(title));
        clickIn("#results", By.cssSelector("a[href='" + templatePath + "']"));
        new WebDriverWait(browser(), WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> title.equals(d.findElement(By.tagName("h1")).getText()));
        assertThat(browser().findElements(By.id("state-note"))).isEmpty();
        screenshot("community-template-page");
    }

    @Test
    void aModeratorRequestsChangesWithAReason() {
        String title = unique("Half done");
        api().as(OWNER_KEY).post("/api/v1/community/templates", CommunityFixtures.submission(title, workflow("hello")).toString());
        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/community/moderation");
        WebElement item = browser().findElements(By.cssSelector(".queue-item")).stream()
                .filter(e -> e.getText().contains(title)).findFirst().orElseThrow();
        item.findElement(By.cssSelector("input[name=reason]")).sendKeys("Say which Slack scopes are needed.");
        item.findElement(By.cssSelector("button[value=changes_requested]")).click();
        assertThat(text(".flash.notice")).contains("changes requested");
        assertThat(browser().findElements(By.cssSelector(".queue-item")).stream().noneMatch(e -> e.getText().contains(title))).isTrue();
    }

    @Test
    void contributorProfilesShowBadges() {
        String id = CommunityFixtures.publish(api().as(OWNER_KEY), unique("Profiled"), workflow("x"));
        String org = api().get("/api/v1/community/gallery/templates/" + id).json().get("author").get("organization_id").asString();
        open("/community/contributors/" + org);
        assertThat(text("#badges")).contains("First template");
    }

    private void setValue(String css, String value) {
        WebElement element = find(css);
        ((JavascriptExecutor) browser()).executeScript("arguments[0].value = arguments[1];", element, value);
    }
}
