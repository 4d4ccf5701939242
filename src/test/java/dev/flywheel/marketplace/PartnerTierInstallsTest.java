package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.identity.Role;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/** An install counted by the marketplace is one of the technology partner's tier metrics (partner program). */
@Tag("database")
class PartnerTierInstallsTest extends IntegrationTest {

    @Autowired
    Installs installs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private JsonNode program(String partnerId) {
        Api.Response r = owner().get("/api/v1/partners/" + partnerId + "/program");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void anInstallShowsUpInTheTechnologyPartnersTierMetricsAndProgress() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Tiered Maker"));
        String listingId = MarketplaceFixtures.publish(owner(), partner, unique("Tiered App"), "An app that counts", MarketplaceFixtures.quoted("tier"));
        String slug = owner().get("/api/v1/marketplace/managed-listings/" + listingId).text("slug");
        JsonNode before = program(partner.id());
        assertThat(before.get("metrics").get("marketplace_installs").asInt()).isZero();
        assertThat(before.get("progress").asString()).endsWith("and 25 more marketplace installs to reach Preferred");

        Customers first = Customers.create(owner(), jdbc, passwords, Role.CUSTOMER_ADMIN, "smb");
        Customers second = Customers.create(owner(), jdbc, passwords, Role.CUSTOMER_ADMIN, "smb");
        installs.install(first.caller(), slug);
        Installation removed = installs.install(second.caller(), slug);

        JsonNode after = program(partner.id());
        assertThat(after.get("metrics").get("marketplace_installs").asInt()).isEqualTo(2);
        assertThat(after.get("progress").asString()).endsWith("and 23 more marketplace installs to reach Preferred");

        installs.uninstall(second.caller(), removed.id());
        assertThat(program(partner.id()).get("metrics").get("marketplace_installs").asInt()).isEqualTo(1);
    }

    @Test
    void otherArchetypesAreNotMeasuredOnInstalls() {
        Api.Response created = owner().post("/api/v1/partners", "{\"name\":\"" + unique("Integrator") + "\",\"type\":\"solution\",\"admin_email\":\""
                + uniqueEmail("integrator") + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode program = program(created.text("id"));
        assertThat(program.get("metrics").has("marketplace_installs")).isFalse();
        assertThat(program.get("progress").asString()).doesNotContain("marketplace");
    }
}
