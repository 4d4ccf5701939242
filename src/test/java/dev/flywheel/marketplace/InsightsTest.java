package dev.flywheel.marketplace;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Role;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@Tag("database")
class InsightsTest extends IntegrationTest {

    @Autowired
    Installs installs;
    @Autowired
    Reviews reviews;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private static Caller admin(String accountId) {
        return new Caller(Ids.next("usr"), accountId, OrganizationKind.CUSTOMER, Role.CUSTOMER_ADMIN, Mode.LIVE, "admin@" + accountId + ".example");
    }

    private String slugOf(String listingId) {
        return owner().get("/api/v1/marketplace/managed-listings/" + listingId).text("slug");
    }

    @Test
    void thePartnerSeesTheFunnelWithConsentDropOffPerScope() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Funnel"));
        String id = MarketplaceFixtures.publish(owner(), partner, unique("Funnel App"), "An app with a funnel", MarketplaceFixtures.quoted("f"));
        String slug = slugOf(id);
        for (int i = 0; i < 4; i++) {
            assertThat(api().get("/marketplace/apps/" + slug).status()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            Caller customer = admin(Ids.next("acc"));
            installs.installClicked(id);
            installs.consent(customer, slug);
            if (i < 2) {
                installs.install(customer, slug);
            } else {
                installs.declined(customer, slug);
            }
        }
        Api.Response funnel = api().as(partner.key()).get("/api/v1/marketplace/managed-listings/" + id + "/funnel?days=7");
        assertThat(funnel.status()).as(funnel.body()).isEqualTo(200);
        var totals = funnel.json().get("totals");
        assertThat(totals.get("view").asLong()).isEqualTo(4);
        assertThat(totals.get("install_click").asLong()).isEqualTo(3);
        assertThat(totals.get("consent_shown").asLong()).isEqualTo(3);
        assertThat(totals.get("installed").asLong()).isEqualTo(2);
        assertThat(funnel.json().get("days").size()).isEqualTo(7);
        var scope = funnel.json().get("scopes").get(0);
        assertThat(scope.get("scope").asString()).isEqualTo("contacts:read");
        assertThat(scope.get("shown").asLong()).isEqualTo(3);
        assertThat(scope.get("drop_off").asDouble()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));

        MarketplaceFixtures.Partner other = MarketplaceFixtures.technologyPartner(owner(), unique("Peek"));
        assertProblem(api().as(other.key()).get("/api/v1/marketplace/managed-listings/" + id + "/funnel"), 404, "/problems/not-found");
    }

    @Test
    void promptsSuggestWhatSimilarAccountsInstalledNextOrWhatMatchesTheContext() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Prompt"));
        String word = "pz" + unique("w").replace("-", "");
        String first = MarketplaceFixtures.publish(owner(), partner, unique("Base App"), "The usual first app " + word, MarketplaceFixtures.quoted(word));
        String companion = MarketplaceFixtures.publish(owner(), partner, unique("Companion"), "Goes well with the base app",
                MarketplaceFixtures.quoted("companion"));
        String workspace = MarketplaceFixtures.publish(owner(), partner, unique("Workspace Kit"), "Templates for a new workspace " + word + "kit",
                MarketplaceFixtures.quoted(word + "kit"));
        // Accounts that installed the base app also installed the companion.
        for (int i = 0; i < 3; i++) {
            Caller peer = admin(Ids.next("acc"));
            installs.install(peer, slugOf(first));
            installs.install(peer, slugOf(companion));
        }
        Customers me = Customers.create(owner(), jdbc, passwords, Role.CUSTOMER_ADMIN, null);
        installs.install(me.caller(), slugOf(first));

        Api.Response next = owner().get("/api/v1/marketplace/prompts?account_id=" + me.accountId());
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.json().get("listing").get("id").asString()).isEqualTo(companion);
        assertThat(next.text("reason")).contains("also use your apps");

        Api.Response byContext = owner().get("/api/v1/marketplace/prompts?account_id=" + me.accountId() + "&context=" + word + "kit");
        assertThat(byContext.json().get("listing").get("id").asString()).isEqualTo(workspace);
        assertProblem(owner().get("/api/v1/marketplace/prompts?account_id=acc_01jd3k0q8m9v2x4y6z7a8b9c0d"), 404, "/problems/not-found");
        assertProblem(api().as(partner.key()).get("/api/v1/marketplace/prompts?account_id=" + me.accountId()), 403, "/problems/forbidden");
    }

    @Test
    void certificationIsEarnedLapsesAndReturnsWithTheFigures() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Cert"));
        String id = MarketplaceFixtures.publish(owner(), partner, unique("Certifiable"), "An app customers love", MarketplaceFixtures.quoted("c"));
        String slug = slugOf(id);
        List<Caller> customers = new ArrayList<>();
        List<String> installations = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Caller c = admin(Ids.next("acc"));
            customers.add(c);
            installations.add(installs.install(c, slug).id());
        }
        for (int i = 0; i < 5; i++) {
            reviews.write(customers.get(i), id, 5, "Excellent", "1.0");
        }
        Api.Response verified = owner().get("/api/v1/marketplace/managed-listings/" + id + "/certification");
        assertThat(verified.text("tier")).isEqualTo("verified");
        assertThat(api().get("/api/v1/marketplace/listings/" + slug).text("certification_tier")).isEqualTo("verified");

        installs.uninstall(customers.get(24), installations.get(24));
        Api.Response lapsed = api().as(partner.key()).get("/api/v1/marketplace/managed-listings/" + id + "/certification");
        assertThat(lapsed.text("tier")).isEqualTo("listed");
        assertThat(lapsed.json().get("history").get(1).get("reason").asString()).contains("active installs ≥ 25");

        installs.install(customers.get(24), slug);
        assertThat(owner().get("/api/v1/marketplace/managed-listings/" + id + "/certification").text("tier")).isEqualTo("verified");

        // Health reported by the product: certified still needs 250 installs, so it stays verified, and says why.
        Api.Response health = owner().put("/api/v1/marketplace/managed-listings/" + id + "/health",
                "{\"webhook_success_rate\":0.999,\"api_error_rate\":0.001}");
        assertThat(health.text("tier")).isEqualTo("verified");
        assertThat(health.json().get("criteria").toString()).contains("99.90%");
        assertProblem(api().as(partner.key()).put("/api/v1/marketplace/managed-listings/" + id + "/health", "{\"api_error_rate\":0}"), 403,
                "/problems/forbidden");
    }
}
