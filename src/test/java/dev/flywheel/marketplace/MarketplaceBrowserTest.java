package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.identity.Role;
import dev.flywheel.support.Api;
import dev.flywheel.support.BrowserTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

class MarketplaceBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser(), Duration.ofSeconds(20));
    }

    /**
     * Types a query into the storefront's search and waits for the results of the whole query: each
     * pause in typing may send a request for a prefix, whose results are redrawn when the next
     * one answers, so the list is read only once the last answer is in.
     */
    private void search(String query, String expected) {
        type("input[type=search]", query);
        awaitHtmxSettled("q", query);
        assertThat(text("#apps")).contains(expected);
    }

    private void fill(String name, String value) {
        type("[name='" + name + "']", value);
    }

    @Test
    void aPartnerSubmitsTheOwnerApprovesAndACustomerAdminFindsAndInstallsTheApp() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Browser Co"));
        String partnerEmail = Customers.user(jdbc, passwords, partner.id(), Role.PARTNER_ADMIN, "partner-password-123");
        String appName = "Orbit " + unique("x").substring(2);

        // The partner creates a draft and fills in the editor; the checklist shows what is missing.
        signIn(partnerEmail, "partner-password-123");
        open("/console/marketplace/listings");
        find("details summary").click();
        type("input[name=name]", appName);
        find("form.row button[type=submit]").click();
        waiting().until(d -> path().startsWith("/console/marketplace/listings/lst_"));
        assertThat(text("#completeness")).contains("✗ A tagline");
        fill("tagline", "Orbit keeps renewals on track for every account");
        fill("job", "Warns account managers about renewals at risk, so no customer churns silently because nobody noticed in time.");
        fill("howItWorks", "Reads deals and contacts, scores renewal risk every night and posts a digest.");
        fill("setup", "Install, approve read access to deals and contacts, pick the digest channel. Done.");
        find("input[type=checkbox][value=crm]").click();
        fill("keywords", "renewals, churn, risk");
        fill("screenshots", "https://cdn.orbit.example/1.png\nhttps://cdn.orbit.example/2.png\nhttps://cdn.orbit.example/3.png");
        fill("demoVideoUrl", "https://video.orbit.example/demo");
        fill("pricing", "Free | free\nTeam | per_seat | 8.00 USD");
        fill("websiteUrl", "https://orbit.example");
        fill("supportUrl", "https://orbit.example/support");
        fill("privacyUrl", "https://orbit.example/privacy");
        fill("termsUrl", "https://orbit.example/terms");
        fill("requiredScopes", "deals:read contacts:read");
        fill("features", "Renewal risk: deals:read\nDigest: contacts:read");
        fill("eventTypes", "invoice.paid");
        fill("apiVersions", "2026-01-15");
        find("#submit-listing").click();
        waiting().until(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("state")).getText().equals("human review");
        });
        assertThat(text("#completeness h2")).contains("100%");
        assertThat(text("#queue")).contains("Position in the review queue");
        String listingPath = path();
        screenshot("marketplace-editor");

        // The owner finds it in the review queue and approves it.
        browser().manage().deleteAllCookies();
        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/marketplace/review-queue");
        find("#queue").findElement(By.linkText(appName)).click();
        find("#approve").click();
        assertThat(text(".flash.notice")).contains("published");
        assertThat(text("#state")).isEqualTo("published");
        assertThat(path()).isEqualTo(listingPath);

        // Anyone finds it in the storefront, with a typo.
        browser().manage().deleteAllCookies();
        open("/marketplace");
        search("orbt renewals", appName);
        clickIn("#apps", By.partialLinkText(appName));
        assertThat(text("#app-name")).isEqualTo(appName);
        assertThat(browser().findElements(By.cssSelector(".screenshots img"))).hasSize(3);
        screenshot("marketplace-app");

        // A customer admin installs it through the consent screen.
        Customers customer = Customers.create(owner(), jdbc, passwords, Role.CUSTOMER_ADMIN, "smb");
        find("#install").click();
        waiting().until(d -> path().startsWith("/login"));
        type("input[name=username]", customer.email());
        type("input[name=password]", customer.password());
        find("form button[type=submit]").click();
        waiting().until(d -> path().matches("/marketplace/apps/[a-z0-9-]+/install(\\?.*)?"));
        assertThat(text("#scopes")).contains("deals:read").contains("contacts:read");
        find("#approve").click();
        waiting().until(d -> path().equals("/console/marketplace/installed"));
        assertThat(text(".flash.notice")).contains(appName + " is installed");
        assertThat(text("#installed")).contains(appName).contains("active");
        Api.Response installs = owner().get("/api/v1/marketplace/installations?account_id=" + customer.accountId());
        assertThat(installs.json().get(0).get("works").asBoolean()).isTrue();

        // And reviews it.
        open("/marketplace");
        search(appName, appName);
        clickIn("#apps", By.partialLinkText(appName));
        find("#write-review").click();
        find("input[name=stars][value='4']").click();
        fill("body", "Caught two renewals at risk in the first week.");
        find("form.stack button[type=submit]").click();
        assertThat(text(".flash.notice")).contains("review is published");
        assertThat(text("#reviews")).contains("Caught two renewals at risk");
    }

    @Test
    void theStorefrontNarrowsByFacetWithoutSigningIn() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Facet Co"));
        String word = "fq" + unique("w").replace("-", "");
        MarketplaceFixtures.publish(owner(), partner, "Facet Crm " + word, "Facet tagline " + word, MarketplaceFixtures.quoted(word));
        MarketplaceFixtures.publishBody(owner(), partner, MarketplaceFixtures.listing("Facet Money " + word, "Facet tagline " + word,
                MarketplaceFixtures.quoted(word)).replace("\"categories\":[\"crm\"]", "\"categories\":[\"finance\"]"));
        open("/marketplace?q=" + word);
        assertThat(text("#apps")).contains("Facet Crm").contains("Facet Money");
        find(".facets").findElement(By.partialLinkText("finance")).click();
        assertThat(text("#apps")).contains("Facet Money").doesNotContain("Facet Crm");
        assertThat(browser().getCurrentUrl()).contains("category=finance");
        find(".facets").findElement(By.partialLinkText("crm")).click();
        assertThat(text("#apps")).contains("Facet Crm").doesNotContain("Facet Money");
    }
}
