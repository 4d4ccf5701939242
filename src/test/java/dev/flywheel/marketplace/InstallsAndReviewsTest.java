package dev.flywheel.marketplace;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.identity.Role;
import dev.flywheel.platform.web.ApiException;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@Tag("database")
@RecordApplicationEvents
class InstallsAndReviewsTest extends IntegrationTest {

    @Autowired
    Installs installs;
    @Autowired
    Reviews reviews;
    @Autowired
    ReviewAsks asks;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    Clock clock;
    @Autowired
    ApplicationEvents events;

    private MarketplaceFixtures.Partner partner;
    private String listingId;
    private String slug;
    private String name;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    @BeforeEach
    void aPublishedApp() {
        partner = MarketplaceFixtures.technologyPartner(owner(), unique("Maker"));
        name = unique("Installable");
        listingId = MarketplaceFixtures.publish(owner(), partner, name, "An app customers install", MarketplaceFixtures.quoted("install"));
        slug = owner().get("/api/v1/marketplace/managed-listings/" + listingId).text("slug");
    }

    private Customers customer(Role role) {
        return Customers.create(owner(), jdbc, passwords, role, "smb");
    }

    @Test
    void aCustomerAdminInstallsAfterConsentAndTheInstallIsAnnounced() {
        Customers admin = customer(Role.CUSTOMER_ADMIN);
        Installs.Consent consent = installs.consent(admin.caller(), slug);
        assertThat(consent.scopes()).containsExactly("contacts:read", "deals:read");

        Installation installation = installs.install(admin.caller(), slug);
        assertThat(installation.id()).startsWith("ins_");
        assertThat(installation.scopes()).containsExactly("contacts:read", "deals:read");
        assertThat(events.stream(AppInstalled.class).filter(e -> e.installationId().equals(installation.id())))
                .singleElement().satisfies(e -> {
                    assertThat(e.accountId()).isEqualTo(admin.accountId());
                    assertThat(e.partnerId()).isEqualTo(partner.id());
                });
        assertThatThrownBy(() -> installs.install(admin.caller(), slug)).isInstanceOf(ApiException.class).hasMessageContaining("already");

        Api.Response listed = owner().get("/api/v1/marketplace/installations?account_id=" + admin.accountId());
        assertThat(listed.json().get(0).get("works").asBoolean()).isTrue();
        assertThat(api().get("/api/v1/marketplace/listings/" + slug).json().get("install_count").asLong()).isEqualTo(1);

        installs.uninstall(admin.caller(), installation.id());
        assertThat(events.stream(AppUninstalled.class).filter(e -> e.installationId().equals(installation.id()))).hasSize(1);
        Api.Response after = owner().get("/api/v1/marketplace/installations/" + installation.id());
        assertThat(after.text("status")).isEqualTo("uninstalled");
        assertThat(after.json().get("works").asBoolean()).isFalse();
        // Reinstalling reuses the record.
        assertThat(installs.install(admin.caller(), slug).id()).isEqualTo(installation.id());
    }

    @Test
    void onlyCustomerAdminsInstall() {
        Customers member = customer(Role.CUSTOMER_MEMBER);
        assertThatThrownBy(() -> installs.install(member.caller(), slug)).isInstanceOf(ApiException.class).hasMessageContaining("admin");
    }

    @Test
    void aSuspendedAppsInstallsStopWorkingAndWorkAgainWhenReinstated() {
        Customers admin = customer(Role.CUSTOMER_ADMIN);
        Installation installation = installs.install(admin.caller(), slug);
        owner().post("/api/v1/marketplace/managed-listings/" + listingId + "/suspend", "{\"reason\":\"Abuse of scopes\"}");
        assertThat(owner().get("/api/v1/marketplace/installations/" + installation.id()).json().get("works").asBoolean()).isFalse();
        owner().post("/api/v1/marketplace/managed-listings/" + listingId + "/reinstate", "");
        assertThat(owner().get("/api/v1/marketplace/installations/" + installation.id()).json().get("works").asBoolean()).isTrue();
    }

    @Test
    void onlyVerifiedInstallersReviewAndStarsMustBeOneToFive() {
        Customers stranger = customer(Role.CUSTOMER_ADMIN);
        assertThatThrownBy(() -> reviews.write(stranger.caller(), listingId, 5, "Great", "1.0"))
                .isInstanceOf(ApiException.class).hasMessageContaining("installed");

        Customers admin = customer(Role.CUSTOMER_ADMIN);
        installs.install(admin.caller(), slug);
        for (int stars : new int[] {0, 6, -1}) {
            assertThatThrownBy(() -> reviews.write(admin.caller(), listingId, stars, "x", null)).isInstanceOf(ApiException.class)
                    .hasMessageContaining("1 to 5");
        }
        assertThatThrownBy(() -> reviews.write(admin.caller(), listingId, null, "x", null)).isInstanceOf(ApiException.class);
        Review review = reviews.write(admin.caller(), listingId, 2, "Sync breaks on large accounts", "1.4.0");
        // Update after a fix.
        Review updated = reviews.update(admin.caller(), review.id(), 5, "Fixed in 1.5, now great", "1.5.0");
        assertThat(updated.stars()).isEqualTo(5);
        assertThat(updated.appVersion()).isEqualTo("1.5.0");
        Api.Response listed = api().get("/api/v1/marketplace/listings/" + slug + "/reviews");
        assertThat(listed.json().get("data").get(0).get("stars").asInt()).isEqualTo(5);
        assertThat(api().get("/api/v1/marketplace/listings/" + slug).json().get("review_count").asLong()).isEqualTo(1);
    }

    @Test
    void oneReviewPerAccountEvenWhenRequestsRace() throws Exception {
        Customers admin = customer(Role.CUSTOMER_ADMIN);
        installs.install(admin.caller(), slug);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<String>> writers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                writers.add(() -> {
                    try {
                        reviews.write(admin.caller(), listingId, 4, "Attempt " + n, null);
                        return "created";
                    } catch (ApiException e) {
                        return e.type().slug();
                    }
                });
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(writers)) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsOnlyOnce("created");
            assertThat(outcomes.stream().filter("conflict"::equals)).hasSize(5);
        } finally {
            pool.shutdown();
        }
        Integer rows = jdbc.sql("select count(*) from mkt_reviews where listing_id = :l and account_id = :a")
                .param("l", listingId).param("a", admin.accountId()).query(Integer.class).single();
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void theDeveloperRepliesAndReportedReviewsAreModerated() {
        Customers admin = customer(Role.CUSTOMER_ADMIN);
        installs.install(admin.caller(), slug);
        Review review = reviews.write(admin.caller(), listingId, 1, "<script>alert('x')</script> terrible", null);

        // The page escapes the review's text.
        Api.Response page = api().get("/marketplace/apps/" + slug);
        assertThat(page.body()).contains("&lt;script&gt;alert(").doesNotContain("<script>alert(");

        MarketplaceFixtures.Partner other = MarketplaceFixtures.technologyPartner(owner(), unique("Rival"));
        dev.flywheel.identity.Caller rival = new dev.flywheel.identity.Caller("key_x", other.id(), dev.flywheel.identity.OrganizationKind.PARTNER,
                null, dev.flywheel.platform.Mode.LIVE, "rival");
        assertThatThrownBy(() -> reviews.reply(rival, review.id(), "no")).isInstanceOf(ApiException.class);
        dev.flywheel.identity.Caller developer = new dev.flywheel.identity.Caller("key_y", partner.id(),
                dev.flywheel.identity.OrganizationKind.PARTNER, null, dev.flywheel.platform.Mode.LIVE, "developer");
        assertThat(reviews.reply(developer, review.id(), "Sorry — fixed in 2.0").replyBody()).isEqualTo("Sorry — fixed in 2.0");

        reviews.report(developer, review.id(), "Contains a script, not a review");
        dev.flywheel.identity.Caller ownerAdmin = new dev.flywheel.identity.Caller("usr_o", "org", dev.flywheel.identity.OrganizationKind.OWNER,
                Role.OWNER_ADMIN, dev.flywheel.platform.Mode.LIVE, OWNER_EMAIL);
        assertThat(reviews.moderationQueue(ownerAdmin)).anyMatch(r -> r.reviewId().equals(review.id()));
        reviews.moderate(ownerAdmin, review.id(), "remove");
        assertThat(reviews.moderationQueue(ownerAdmin)).noneMatch(r -> r.reviewId().equals(review.id()));
        assertThat(api().get("/api/v1/marketplace/listings/" + slug + "/reviews").json().get("data").size()).isZero();
        assertThatThrownBy(() -> reviews.moderate(ownerAdmin, review.id(), "remove")).isInstanceOf(ApiException.class);
    }

    @Test
    void theReviewAskGoesOutOnceFourteenDaysAfterActivation() {
        Customers admin = customer(Role.CUSTOMER_ADMIN);
        Installation installation = installs.install(admin.caller(), slug);
        // The partner cannot see other partners' installs; the product (owner key) reports first use.
        MarketplaceFixtures.Partner other = MarketplaceFixtures.technologyPartner(owner(), unique("Nosy"));
        assertProblem(api().as(other.key()).post("/api/v1/marketplace/installations/" + installation.id() + "/activation", ""), 404,
                "/problems/not-found");
        Api.Response activated = owner().post("/api/v1/marketplace/installations/" + installation.id() + "/activation", "");
        assertThat(activated.text("activated_at")).isNotBlank();

        asks.sendDue(clock.instant().plus(Duration.ofDays(13)));
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = :to").param("to", admin.email()).query(Integer.class).single())
                .isZero();
        assertThat(asks.prompts(admin.accountId(), clock.instant().plus(Duration.ofDays(13)))).isEmpty();
        asks.sendDue(clock.instant().plus(Duration.ofDays(15)));
        var mail = awaitMailTo(admin.email());
        assertThat(linkIn(mail)).endsWith("/marketplace/apps/" + slug + "/review");
        asks.sendDue(clock.instant().plus(Duration.ofDays(16)));
        assertThat(messagesTo(admin.email())).hasSize(1);

        Api.Response prompts = owner().get("/api/v1/marketplace/review-prompts?account_id=" + admin.accountId());
        assertThat(prompts.json().size()).isZero(); // not due yet in real time
        assertThat(asks.prompts(admin.accountId(), clock.instant().plus(Duration.ofDays(15)))).singleElement()
                .satisfies(p -> assertThat(p.reviewUrl()).endsWith("/marketplace/apps/" + slug + "/review"));
        assertThat(asks.prompts(admin.accountId(), clock.instant().plus(Duration.ofDays(16)))).isEmpty();
    }
}
