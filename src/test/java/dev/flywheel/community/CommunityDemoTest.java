package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Balance;
import dev.flywheel.ledger.Buckets;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.demo.DemoGenerator;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.playbook.MapProbe;
import dev.flywheel.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@Tag("database")
class CommunityDemoTest extends IntegrationTest {

    @Autowired
    DemoGenerator demo;

    @Autowired
    Community community;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    Clock clock;

    @Test
    void theDemoFillsTheGallerySellsTemplatesAndAppsThroughTheLedgerAndLinksThemOnTheMap() {
        Community.Figures before = community.figures();
        Community.ModerationBacklog queueBefore = community.moderationBacklog(Duration.ofDays(3), Duration.ofDays(30));
        Community.IdleTemplates idleBefore = community.idleTemplates(Duration.ofDays(30), 100);
        long templateFeesBefore = ownerBalance(TemplateSales.FEE_BUCKET);
        long marketplaceFeesBefore = ownerBalance("marketplace_fee");
        long templateSalesBefore = transactions("community.template_sale:%");
        long marketplaceSalesBefore = transactions("marketplace.sale:%");
        Instant started = clock.instant();

        demo.generate(new DemoSize(30, 2, 1, 11));

        Community.Figures after = community.figures();
        assertThat(after.publishedTemplates()).as("eight from the catalog, a remix and a partner's template for its best-selling app")
                .isEqualTo(before.publishedTemplates() + 10);
        assertThat(after.pendingVersions()).isEqualTo(before.pendingVersions() + 2);
        assertThat(after.openReports()).isEqualTo(before.openReports() + 1);
        assertThat(after.copiesTaken()).isGreaterThan(before.copiesTaken());
        assertThat(after.activeUses()).as("most copies were kept past the retention period").isGreaterThan(before.activeUses());

        Community.ModerationBacklog queue = community.moderationBacklog(Duration.ofDays(3), Duration.ofDays(30));
        assertThat(queue.pendingWithRedactions()).isEqualTo(queueBefore.pendingWithRedactions() + 1);
        assertThat(queue.waitingLongerThan()).as("the Intercom template has waited four days").isEqualTo(queueBefore.waitingLongerThan() + 1);
        assertThat(queue.rejected()).isEqualTo(queueBefore.rejected() + 1);
        assertThat(queue.changesRequested()).isEqualTo(queueBefore.changesRequested() + 1);
        assertThat(community.idleTemplates(Duration.ofDays(30), 100).published()).isGreaterThan(idleBefore.published());

        // The demo's n8n workflows import like any other: n8n's template API serves them with their nodes.
        JsonNode found = api().get("/n8n/templates/search?search=Zendesk&rows=50").json();
        JsonNode first = found.get("workflows").get(0);
        JsonNode workflow = api().get("/n8n/templates/workflows/" + first.get("id").asLong()).json();
        assertThat(workflow.toString()).contains("n8n-nodes-base.zendeskTrigger");

        // Paid templates and paid app plans were sold through the real sale paths: the ledger holds the sales and the owner's fees.
        assertThat(transactions("community.template_sale:%")).as("template purchases posted").isGreaterThan(templateSalesBefore + 3);
        assertThat(transactions("marketplace.sale:%")).as("app charges posted").isGreaterThan(marketplaceSalesBefore);
        // Every third buyer who removed a paid template within days (the first included) was refunded, nobody else.
        record Bought(boolean refunded, long copiesInUse) {
        }
        List<Bought> bought = jdbc.sql("""
                select p.refunded_at, (select count(*) from community_copies c
                  where c.template_id = p.template_id and c.taker_org_id = p.buyer_org_id and c.removed_at is null) as in_use
                from community_purchases p where p.recorded_at >= :since""")
                .param("since", dev.flywheel.platform.jdbc.Sql.at(started))
                .query((rs, n) -> new Bought(rs.getTimestamp("refunded_at") != null, rs.getLong("in_use"))).list();
        assertThat(bought).hasSizeGreaterThan(3);
        long dropped = bought.stream().filter(b -> b.copiesInUse() == 0).count();
        assertThat(bought).filteredOn(Bought::refunded).allSatisfy(b -> assertThat(b.copiesInUse()).isZero()).hasSize((int) ((dropped + 2) / 3));
        assertThat(ownerBalance(TemplateSales.FEE_BUCKET)).isGreaterThan(templateFeesBefore);
        assertThat(ownerBalance("marketplace_fee")).isGreaterThan(marketplaceFeesBefore);

        // On the map built from the demo, both revenue channels carry money and a demo template leads through an app to revenue.
        MapProbe map = MapProbe.build(context);
        assertThat(map.node("revenue:marketplace_fees")).hasValueSatisfying(n -> assertThat(n.weight()).isPositive());
        assertThat(map.node("revenue:template_sales")).hasValueSatisfying(n -> assertThat(n.weight()).isPositive());
        // The map draws the best-selling templates of the whole (shared) database: the chain may start at
        // this run's partner template or at one an earlier demo run made.
        assertThat(map.chains()).as("a highlighted template → app → revenue chain from a demo partner's paid template")
                .anySatisfy(chain -> {
                    assertThat(demoPartnersPaidTemplates()).contains(chain.from().substring("template:".length()));
                    assertThat(chain.to()).isEqualTo("revenue:marketplace_fees");
                    assertThat(chain.label()).contains("drives installs of");
                });
    }

    /** Paid templates the demo published for partners (their actor is the demo's), this run's and earlier runs'. */
    private List<String> demoPartnersPaidTemplates() {
        return jdbc.sql("""
                select t.id from community_templates t join community_template_prices p on p.template_id = t.id
                where t.author_actor like 'demo@%' and t.state = 'PUBLISHED'""").query(String.class).list();
    }

    private long ownerBalance(String bucket) {
        return ledger.balances(Buckets.OWNER_HOLDER, Mode.LIVE).stream().filter(b -> b.bucket().equals(bucket) && b.amount().currency().equals("USD"))
                .map(Balance::amount).mapToLong(m -> m.amount()).sum();
    }

    private long transactions(String referenceLike) {
        return jdbc.sql("select count(*) from ledger_transactions where reference like :r").param("r", referenceLike).query(Long.class).single();
    }
}
