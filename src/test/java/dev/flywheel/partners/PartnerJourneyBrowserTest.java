package dev.flywheel.partners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Ledger;
import dev.flywheel.support.BrowserTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole partner journey in a real browser: apply, get approved, register a deal, see it
 * approved; the owner closes it won; the commission is held, becomes available (time moved by
 * calling the hold release with a later "now") and is paid in a monthly batch.
 */
class PartnerJourneyBrowserTest extends BrowserTest {

    @Autowired
    Ledger ledger;

    private void signOut() {
        browser().manage().deleteAllCookies();
    }

    /** Clicks a button that submits a form, found by XPath, and waits for the next page. */
    private void click(String xpath) {
        org.openqa.selenium.WebElement page = find("html");
        new org.openqa.selenium.support.ui.WebDriverWait(browser(), WAIT)
                .until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(By.xpath(xpath))).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser(), WAIT)
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(page));
    }

    @Test
    void aPartnerAppliesRegistersADealAndGetsPaid() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String company = "Journey " + tag;
        String email = uniqueEmail("journey");
        String prospect = "Prospect " + tag;

        open("/partners/apply");
        type("input[name=company]", company);
        type("input[name=domain]", "journey-" + tag + ".example");
        type("input[name=contactName]", "Jo Partner");
        type("input[name=contactEmail]", email);
        submit("#apply button[type=submit]");
        assertThat(text(".flash.notice")).contains("Thank you for applying");

        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/partner-program");
        click("//table[@id='applications']//tr[td[normalize-space()='" + company + "']]//button[normalize-space()='Approve']");
        assertThat(text(".flash.notice")).contains(company + " is now a partner");
        signOut();

        browser().get(linkIn(awaitMailTo(email)));
        type("input[name=name]", "Jo Partner");
        type("input[name=password]", "partner-journey-password");
        type("input[name=confirmation]", "partner-journey-password");
        submit("form button[type=submit]");
        assertThat(text(".flash.notice")).contains("Your account is ready");

        signIn(email, "partner-journey-password");
        open("/console/portal");
        assertThat(text("#progress")).contains("to reach Preferred");
        type("#register-deal input[name=company]", prospect);
        type("#register-deal input[name=domain]", "https://www.Prospect-" + tag + ".com/");
        type("#register-deal input[name=contactEmail]", "cto@prospect-" + tag + ".com");
        type("#register-deal input[name=amount]", "120000.00");
        submit("#register-deal button[type=submit]");
        assertThat(text(".flash.notice")).contains(prospect + " is registered and waits for review");
        assertThat(text("#deals")).contains("prospect-" + tag + ".com").contains("submitted");
        type("#payout-profile input[name=legalName]", company + " GmbH");
        type("#payout-profile input[name=country]", "DE");
        // An account no other test uses: a shared payout account would (rightly) hold the commission for review.
        type("#payout-profile input[name=account]", "DE44 5001 " + (1_000_000_000L + (long) (Math.random() * 8_999_999_999L)));
        submit("#payout-profile button[type=submit]");
        assertThat(text(".flash.notice")).contains("Payout profile saved");
        signOut();

        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/partner-program");
        click("//table[@id='pending']//tr[td[normalize-space()='" + prospect + "']]//button[normalize-space()='Approve']");
        assertThat(text(".flash.notice")).contains(prospect + " is approved and protected until");
        signOut();

        signIn(email, "partner-journey-password");
        open("/console/portal");
        assertThat(text("#deals")).contains("approved");
        signOut();

        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/partner-program");
        click("//table[@id='approved']//a[normalize-space()='" + prospect + "']");
        type("#close-form input[name=amount]", "120000.00");
        submit("#close-form button[type=submit]");
        assertThat(text(".flash.notice")).contains("closed won");
        assertThat(text("#deal-status")).isEqualTo("won");
        assertThat(text("#commissions")).contains("held").contains("plan 'Standard'");
        String commission = browser().findElement(By.cssSelector("#commissions tbody tr td:nth-child(3)")).getText();
        String amount = commission.replace(" USD", "");
        signOut();

        signIn(email, "partner-journey-password");
        open("/console/portal");
        assertThat(text("#earnings .held")).isEqualTo(amount);
        assertThat(text("#commissions")).contains("held");

        // Thirty-one days later the refund window is over: the hold release makes the commission available.
        ledger.releaseDue(Instant.now().plus(Duration.ofDays(31)));
        open("/console/portal");
        assertThat(text("#earnings .available")).isEqualTo(amount);
        assertThat(text("#commissions")).contains("available");
        signOut();

        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/payouts");
        String period = (2100 + (int) (Math.random() * 7000)) + "-0" + (1 + (int) (Math.random() * 9));
        ((JavascriptExecutor) browser()).executeScript("document.querySelector('#run-batch input[name=period]').value = arguments[0]", period);
        submit("#run-batch button[type=submit]");
        assertThat(text(".flash.notice")).contains("Payout batch " + period + " is completed");
        assertThat(text("main")).contains(company).contains(commission);
        signOut();

        signIn(email, "partner-journey-password");
        open("/console/portal");
        assertThat(text("#earnings .paid")).isEqualTo(amount);
        assertThat(text("#earnings .available")).isEqualTo("0.00");
        assertThat(text("#commissions")).contains("paid");
        assertThat(text("#payouts")).contains(commission).contains("paid");
    }
}
