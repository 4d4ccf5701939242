package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.identity.Role;
import dev.flywheel.ledger.CommissionEarned;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.playbook.MapProbe;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.StringJoiner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The ecosystem map drawn from live data of every module: an app with installs and sales, the
 * event type it consumes, a paid template that needs it, subscription MRR and a commission —
 * set up through each module's API, then read back from the playbook's map.
 */
@Tag("database")
class EcosystemMapFlowsTest extends IntegrationTest {

    private static final int INSTALLS = 12;
    /**
     * Seats per sale: enough that this app is among the best-selling ones the map draws, whatever
     * apps and sales other tests (the demo generator's among them) left in the shared database.
     */
    private static final int SEATS = 1000;

    @Autowired
    Installs installs;
    @Autowired
    MarketplaceActivity activity;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    ApplicationContext context;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    @Test
    void theMapHasAppsEventTypesRevenueChannelsAndTheTemplateToRevenueChain() {
        String type = "mapflow" + unique("t").replaceAll("[^a-z0-9]", "") + ".synced";
        assertThat(owner().post("/api/v1/event-types", """
                {"name":"%s","description":"A record was synced","schema":{"type":"object","properties":{"n":{"type":"integer"}}},
                 "example":{"n":1}}""".formatted(type)).status()).isEqualTo(201);
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Mapper"));
        String appName = unique("Flow App");
        String listingId = MarketplaceFixtures.publishBody(owner(), partner,
                MarketplaceFixtures.listing(appName, "An app on the map", MarketplaceFixtures.quoted("map")).replace("invoice.paid", type));
        String slug = owner().get("/api/v1/marketplace/managed-listings/" + listingId).text("slug");
        assertThat(owner().put("/api/v1/marketplace/fee-schedule", "{\"currency\":\"USD\",\"flat_rate\":0.30}").status()).isEqualTo(200);
        for (int i = 0; i < INSTALLS; i++) {
            Customers buyer = Customers.create(owner(), jdbc, passwords, Role.CUSTOMER_ADMIN, "smb");
            installs.install(buyer.caller(), slug);
            assertThat(owner().post("/api/v1/marketplace/sales", "{\"listing_id\":\"" + listingId + "\",\"account_id\":\"" + buyer.accountId()
                    + "\",\"plan\":\"Team\",\"seats\":" + SEATS + "}").status()).isEqualTo(201);
        }
        StringJoiner events = new StringJoiner(",", "{\"events\":[", "]}");
        for (int i = 0; i < 400; i++) {
            events.add("{\"type\":\"" + type + "\",\"account\":\"cus_map\",\"data\":{\"n\":" + i + "}}");
        }
        assertThat(owner().post("/api/v1/events/batch", events.toString()).status()).isEqualTo(202);

        // A paid template that needs the app, bought once.
        Api author = api().as(owner().post("/api/v1/partners/" + partner.id() + "/api-keys", "{\"name\":\"gallery\"}").text("key"));
        String templateTitle = unique("Flow template");
        Api.Response template = author.post("/api/v1/community/templates", """
                {"title":"%s","description":"Syncs every record into the app, then alerts the team.","category":"sales",
                 "format":"product-native","apps":["%s"],"scopes":["deals:read"],"payload":{"steps":[{"do":"sync"}]},
                 "price":{"amount":99900,"currency":"USD"}}""".formatted(templateTitle, appName));
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        String templateId = template.text("id");
        String version = owner().get("/api/v1/community/moderation/queue?limit=100").json().get("data").valueStream()
                .filter(i -> i.get("template_id").asString().equals(templateId)).findFirst().orElseThrow().get("version_id").asString();
        owner().post("/api/v1/community/moderation/versions/" + version + "/decision", "{\"decision\":\"approved\"}");
        Customers templateBuyer = Customers.create(owner(), jdbc, passwords, Role.CUSTOMER_ADMIN, "smb");
        assertThat(owner().post("/api/v1/community/templates/" + templateId + "/purchases",
                "{\"account_id\":\"" + templateBuyer.accountId() + "\",\"reference\":\"" + unique("inv") + "\"}").status()).isEqualTo(201);

        // Subscription revenue reported by the product, and a commission earned by the partner.
        String account = unique("mrr");
        owner().put("/api/v1/accounts/" + account, "{\"name\":\"Paying " + account + "\"}");
        assertThat(owner().post("/api/v1/insights/facts/mrr-changes", "{\"data\":[{\"id\":\"" + unique("chg") + "\",\"account_id\":\"" + account
                + "\",\"effective_on\":\"" + LocalDate.now().minusDays(3) + "\",\"mrr\":50000}]}").status()).isIn(200, 201, 202);
        ledger.recordCommission(new CommissionEarned(unique("commission.map"), partner.id(), Mode.LIVE, Money.of(12_000, "USD"),
                "Map test commission", Instant.now(), null));

        assertThat(activity.appFlows(100)).filteredOn(a -> a.listingId().equals(listingId)).singleElement().satisfies(a -> {
            assertThat(a.activeInstalls()).isEqualTo(INSTALLS);
            assertThat(a.eventTypes()).containsExactly(type);
            assertThat(a.gmv()).containsExactly(Money.of(INSTALLS * SEATS * 800L, "USD"));
            assertThat(a.platformFees()).containsExactly(Money.of(INSTALLS * SEATS * 240L, "USD"));
        });

        MapProbe map = MapProbe.build(context);
        String app = "app:" + appName.toLowerCase();
        assertThat(map.node(app)).hasValueSatisfying(n -> {
            assertThat(n.kind()).isEqualTo("integration");
            assertThat(n.weight()).isEqualTo(INSTALLS);
        });
        assertThat(map.node("event:" + type)).hasValueSatisfying(n -> assertThat(n.weight()).isEqualTo(400));
        assertThat(map.edges("product", "event:" + type)).singleElement().satisfies(e -> assertThat(e.flow()).isEqualTo("data"));
        assertThat(map.edges("event:" + type, app)).singleElement().satisfies(e -> assertThat(e.label()).contains("consumed by"));
        assertThat(map.edges(app, "revenue:marketplace_fees")).singleElement().satisfies(e -> {
            assertThat(e.flow()).isEqualTo("revenue");
            assertThat(e.weight()).isEqualTo(INSTALLS * SEATS * 240L / 100); // $2.40 of fees per seat, in whole dollars
        });
        for (String channel : new String[] {"revenue:marketplace_fees", "revenue:template_sales", "revenue:subscriptions", "revenue:commissions"}) {
            assertThat(map.node(channel)).as(channel).hasValueSatisfying(n -> assertThat(n.kind()).isEqualTo("revenue"));
        }
        assertThat(map.edges("revenue:commissions", "partners:technology")).singleElement()
                .satisfies(e -> assertThat(e.weight()).isGreaterThanOrEqualTo(120));
        String templateNode = "template:" + templateId;
        assertThat(map.edges(templateNode, "revenue:template_sales")).singleElement().satisfies(e -> assertThat(e.label()).contains("1 sales"));
        assertThat(map.edges(templateNode, app)).singleElement().satisfies(e -> assertThat(e.indirect()).isTrue());
        assertThat(map.edges(templateNode, "revenue:marketplace_fees")).as("the template → app → revenue chain").singleElement().satisfies(e -> {
            assertThat(e.indirect()).isTrue();
            assertThat(e.label()).contains(templateTitle).contains("drives installs of " + appName).contains("Marketplace fees");
        });
    }
}
