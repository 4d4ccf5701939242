package dev.flywheel.partners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.BrowserTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal's co-marketing, leads and statements pages in a real browser: the partner requests
 * and claims market development funds, the owner approves and pays them, the payment shows on the
 * partner's statement; a partner-sourced lead shows in the portal and the owner turns it into a
 * deal registration.
 */
class CoMarketingBrowserTest extends BrowserTest {

    private void click(String xpath) {
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.xpath(xpath))).click();
    }

    /** Waits for a flash message with this text: the previous page may still show an older one. */
    private void flash(String kind, String contains) {
        new WebDriverWait(browser(), WAIT).until(ExpectedConditions.textMatches(By.cssSelector(".flash." + kind),
                java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(contains))));
    }

    @Test
    void aPartnerRequestsAndClaimsFundsTheOwnerPaysAndTheStatementShowsIt() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = uniqueEmail("comarketing");
        Api owner = api().as(OWNER_KEY);
        Api.Response partner = owner.post("/api/v1/partners", "{\"name\":\"Co-marketing " + tag + "\",\"type\":\"solution\",\"domain\":\"cm-" + tag
                + ".example\",\"admin_email\":\"" + email + "\"}");
        assertThat(partner.status()).as(partner.body()).isEqualTo(201);
        String partnerId = partner.text("id");
        String quarter = PartnerPages.Quarter.parse(null, java.time.Instant.now()).label();
        assertThat(owner.put("/api/v1/partners/" + partnerId + "/fund-budgets/" + quarter,
                "{\"amount\":{\"amount\":500000,\"currency\":\"USD\"}}").status()).isEqualTo(200);
        owner.post("/api/v1/partners/" + partnerId + "/coupons", "{\"code\":\"CM" + tag + "\"}");
        String leadEmail = "buyer@lead-" + tag + ".com";
        assertThat(owner.post("/api/v1/referral-leads", "{\"email\":\"" + leadEmail + "\",\"company\":\"Lead " + tag + "\",\"coupon\":\"CM" + tag
                + "\"}").status()).isEqualTo(201);

        browser().get(linkIn(awaitMailTo(email)));
        type("input[name=name]", "Cam Partner");
        type("input[name=password]", "co-marketing-password");
        type("input[name=confirmation]", "co-marketing-password");
        find("form button[type=submit]").click();
        flash("notice", "Your account is ready");

        signIn(email, "co-marketing-password");
        open("/console/portal");
        assertThat(text("#leads")).contains(leadEmail).contains("coupon").contains("not yet");
        open("/console/portal/co-marketing");
        assertThat(text("#budgets")).contains(quarter).contains("5000.00 USD");
        type("#request-funds input[name=activity]", "Webinar " + tag);
        type("#request-funds input[name=amount]", "-5");
        find("#request-funds button[type=submit]").click();
        flash("error", "amount");
        type("#request-funds input[name=activity]", "Webinar " + tag);
        type("#request-funds input[name=amount]", "1500.00");
        find("#request-funds button[type=submit]").click();
        flash("notice", "Requested 1500.00 USD");
        type("#add-asset input[name=title]", "Case study " + tag);
        new org.openqa.selenium.support.ui.Select(find("#add-asset select[name=kind]")).selectByValue("case_study");
        find("#add-asset button[type=submit]").click();
        flash("notice", "Asset recorded");
        assertThat(text("#assets")).contains("Case study " + tag).contains("planned");
        browser().manage().deleteAllCookies();

        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/co-marketing");
        click("//table[@id='fund-requests']//tr[td[normalize-space()='Webinar " + tag + "']]//button[normalize-space()='Approve']");
        flash("notice", "approved");
        assertThat(text("#assets")).contains("Case study " + tag);
        open("/console/partner-program");
        WebDriverWait wait = new WebDriverWait(browser(), WAIT);
        String row = "//table[@id='leads']//tr[td[contains(., '" + leadEmail + "')]]";
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(row)));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(row + "//input[@name='amount']"))).sendKeys("24000");
        click(row + "//button[normalize-space()='Register deal']");
        flash("notice", "The lead is now deal registration Lead " + tag);
        assertThat(text("#pending")).contains("lead-" + tag + ".com");
        browser().manage().deleteAllCookies();

        signIn(email, "co-marketing-password");
        open("/console/portal");
        assertThat(text("#leads")).contains("registered");
        assertThat(text("#deals")).contains("lead-" + tag + ".com");
        open("/console/portal/co-marketing");
        assertThat(text("#fund-requests")).contains("approved");
        type("form.claim input[name=proofUrl]", "https://cm-" + tag + ".example/recording");
        type("form.claim input[name=amount]", "1200.00");
        find("form.claim button[type=submit]").click();
        flash("notice", "Claimed 1200.00 USD");
        browser().manage().deleteAllCookies();

        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/co-marketing");
        click("//table[@id='fund-requests']//tr[td[normalize-space()='Webinar " + tag + "']]//button[normalize-space()='Approve claim']");
        flash("notice", "claim approved");
        click("//table[@id='fund-requests']//tr[td[normalize-space()='Webinar " + tag + "']]//button[normalize-space()='Pay']");
        flash("notice", "paid");
        browser().manage().deleteAllCookies();

        signIn(email, "co-marketing-password");
        open("/console/portal/co-marketing");
        assertThat(text("#fund-requests")).contains("paid");
        assertThat(text("#budgets")).contains("1200.00 USD").contains("3800.00 USD");
        open("/console/portal/statements");
        assertThat(text("h1")).isEqualTo("Statement " + YearMonth.now(ZoneOffset.UTC));
        assertThat(text("#lines")).contains("Market development funds: Webinar " + tag).contains("1200.00 USD");
        open("/console/portal/statements?period=2999-01");
        flash("error", "no statement for 2999-01");
        assertThat(LocalDate.now(ZoneOffset.UTC)).isNotNull();
    }
}
