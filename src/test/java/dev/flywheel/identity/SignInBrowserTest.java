package dev.flywheel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class SignInBrowserTest extends BrowserTest {

    @Test
    void theOwnerSignsInAndSeesTheDashboard() {
        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        assertThat(path()).isEqualTo("/console");
        assertThat(text("h1")).isEqualTo("Home");
        assertThat(text(".cards")).contains("Partners").contains("Customer accounts");
        assertThat(text("#sidebar")).contains("Partners", "Customer accounts", "Team", "API keys", "Audit log", "Mail outbox");
        screenshot("console-home");
        open("/console/partners");
        screenshot("console-partners");
    }

    @Test
    void aWrongPasswordShowsWhatToDo() {
        open("/login");
        type("input[name=username]", OWNER_EMAIL);
        type("input[name=password]", "not-the-password");
        find("form button[type=submit]").click();
        assertThat(text(".flash.error")).contains("do not match");
        assertThat(path()).startsWith("/login");
    }

    @Test
    void everyNavigationLinkOpensAWorkingPage() {
        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        var links = browser().findElements(By.cssSelector("#sidebar a")).stream().map(a -> a.getAttribute("href")).toList();
        assertThat(links).isNotEmpty();
        for (String link : links) {
            browser().get(link);
            assertThat(browser().getTitle()).as(link).doesNotContain("Error").doesNotContain("Not Found").doesNotContain("Forbidden");
        }
    }

    @Test
    void anInvitedPartnerAdminAcceptsSignsInAndIsRefusedOwnerPages() throws Exception {
        String email = uniqueEmail("partner");
        Api.Response partner = api().as(OWNER_KEY).post("/api/v1/partners",
                "{\"name\":\"Browser Partner\",\"type\":\"solution\",\"admin_email\":\"" + email + "\"}");
        assertThat(partner.status()).isEqualTo(201);
        String link = linkIn(awaitMailTo(email));

        browser().get(link);
        assertThat(text("main")).contains(email);
        type("input[name=name]", "Pat Partner");
        type("input[name=password]", "a-long-enough-password");
        type("input[name=confirmation]", "a-long-enough-password");
        find("form button[type=submit]").click();
        assertThat(text(".flash.notice")).contains("Your account is ready");

        signIn(email, "a-long-enough-password");
        assertThat(text(".cards")).contains("Browser Partner").contains("solution partner");
        assertThat(text("#sidebar")).doesNotContain("Partners").doesNotContain("Audit log");

        open("/console/audit");
        assertThat(text("h1")).contains("403");
        open("/console/partners");
        assertThat(text("h1")).contains("403");

        browser().get(link);
        assertThat(text(".flash.error")).contains("no longer valid");
    }

    @Test
    void aForgottenPasswordIsResetByEmailLink() throws Exception {
        String email = uniqueEmail("forgetful");
        api().as(OWNER_KEY).post("/api/v1/partners", "{\"name\":\"Forgetful\",\"type\":\"referral\",\"admin_email\":\"" + email + "\"}");
        browser().get(linkIn(awaitMailTo(email)));
        type("input[name=password]", "first-password-123");
        type("input[name=confirmation]", "first-password-123");
        find("form button[type=submit]").click();
        assertThat(text(".flash.notice")).contains("Your account is ready");

        open("/password-reset");
        type("input[name=email]", email);
        find("form button[type=submit]").click();
        assertThat(text(".flash.notice")).contains("If an active account uses that address");
        String resetLink = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> messagesTo(email).stream().filter(m -> subject(m).contains("Reset")).findFirst(), java.util.Optional::isPresent)
                .map(dev.flywheel.support.IntegrationTest::linkIn).orElseThrow();

        browser().get(resetLink);
        type("input[name=password]", "second-password-456");
        type("input[name=confirmation]", "second-password-456");
        find("form button[type=submit]").click();
        assertThat(text(".flash.notice")).contains("password was changed");

        signIn(email, "second-password-456");
        assertThat(path()).isEqualTo("/console");
    }

    @Test
    void repeatedFailuresLockTheAccount() {
        String email = uniqueEmail("locked");
        api().as(OWNER_KEY).post("/api/v1/partners", "{\"name\":\"Locked\",\"type\":\"referral\",\"admin_email\":\"" + email + "\"}");
        browser().get(linkIn(awaitMailTo(email)));
        type("input[name=password]", "the-right-password");
        type("input[name=confirmation]", "the-right-password");
        find("form button[type=submit]").click();
        assertThat(text(".flash.notice")).contains("Your account is ready");

        for (int i = 0; i < 5; i++) {
            open("/login");
            type("input[name=username]", email);
            type("input[name=password]", "wrong-" + i);
            find("form button[type=submit]").click();
            find(".flash.error");
        }
        open("/login");
        type("input[name=username]", email);
        type("input[name=password]", "the-right-password");
        find("form button[type=submit]").click();
        assertThat(text(".flash.error")).contains("locked");
    }

    private static String subject(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            return "";
        }
    }
}
