package dev.flywheel.marketplace;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.identity.Role;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@Tag("database")
class SalesApiTest extends IntegrationTest {

    @Autowired
    Installs installs;
    @Autowired
    dev.flywheel.ledger.Ledger ledger;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    @Test
    void everySaleIsSplitByTheFeeScheduleAndPostedToTheLedger() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Seller"));
        String listingId = MarketplaceFixtures.publish(owner(), partner, unique("Paid App"), "An app that costs money",
                MarketplaceFixtures.quoted("paid"));
        String slug = owner().get("/api/v1/marketplace/managed-listings/" + listingId).text("slug");
        Customers buyer = Customers.create(owner(), jdbc, passwords, Role.CUSTOMER_ADMIN, "smb");
        String sale = "{\"listing_id\":\"" + listingId + "\",\"account_id\":\"" + buyer.accountId() + "\",\"plan\":\"Team\",\"seats\":3}";

        assertProblem(owner().post("/api/v1/marketplace/sales", sale), 422, "/problems/unprocessable"); // not installed
        installs.install(buyer.caller(), slug);

        Api.Response lifetime = owner().put("/api/v1/marketplace/fee-schedule", """
                {"currency":"USD","flat_rate":0.30,"lifetime_tiers":[{"up_to":100000000,"rate":0},{"rate":0.15}]}""");
        assertThat(lifetime.status()).as(lifetime.body()).isEqualTo(200);
        Api.Response first = owner().post("/api/v1/marketplace/sales", sale);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("gmv").asLong()).isEqualTo(2400); // 3 seats × $8.00
        assertThat(first.json().get("platform_fee").asLong()).isZero();
        assertThat(first.json().get("partner_share").asLong()).isEqualTo(2400);

        owner().put("/api/v1/marketplace/fee-schedule", "{\"currency\":\"USD\",\"flat_rate\":0.30}");
        Api.Response second = owner().post("/api/v1/marketplace/sales", sale);
        assertThat(second.json().get("platform_fee").asLong()).isEqualTo(720);
        assertThat(second.json().get("partner_share").asLong()).isEqualTo(1680);

        List<Map<String, Object>> postings = jdbc.sql("select kind, amount from mkt_revenue_postings where sale_id = :s order by kind")
                .param("s", second.text("id")).query().listOfRows();
        assertThat(postings).extracting(r -> r.get("kind") + "=" + r.get("amount"))
                .containsExactly("gmv=2400", "partner_share=1680", "platform_fee=720");

        // The ledger holds the partner's share in its available balance, ready for payout.
        assertThat(ledger.balances(partner.id(), dev.flywheel.platform.Mode.LIVE)).filteredOn(b -> b.bucket().equals("available"))
                .singleElement().satisfies(b -> assertThat(b.amount()).isEqualTo(dev.flywheel.platform.Money.of(2400 + 1680, "USD")));
        assertThat(ledger.post(dev.flywheel.ledger.Transaction.of("marketplace.sale:" + second.text("id"), "revenue_share.earned", "repeat",
                dev.flywheel.platform.Mode.LIVE, java.time.Instant.now(), List.of(
                        new dev.flywheel.ledger.Transaction.Entry("owner", "marketplace_gmv", dev.flywheel.platform.Money.of(-1, "USD")),
                        new dev.flywheel.ledger.Transaction.Entry("owner", "marketplace_fee", dev.flywheel.platform.Money.of(1, "USD")))))
                .created()).as("each sale is posted once").isFalse();

        assertProblem(owner().post("/api/v1/marketplace/sales", sale.replace("Team", "Free")), 422, "/problems/unprocessable");
        assertProblem(owner().post("/api/v1/marketplace/sales", sale.replace("Team", "Gold")), 400, "/problems/validation");
        assertProblem(api().as(partner.key()).post("/api/v1/marketplace/sales", sale), 403, "/problems/forbidden");
        assertProblem(owner().put("/api/v1/marketplace/fee-schedule", "{\"currency\":\"USD\",\"flat_rate\":1.5}"), 400, "/problems/validation");
    }
}
