package dev.flywheel.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The insights and mapping demo contributors fill the dashboards from whatever accounts and partners exist. */
@Tag("database")
class DemoTest extends IntegrationTest {

    @Autowired
    List<DemoContributor> contributors;

    @Autowired
    JdbcClient jdbc;

    @Test
    void demoContributorsProduceFactsAndMappings() {
        Api owner = api().as(OWNER_KEY);
        for (int i = 0; i < 3; i++) {
            owner.put("/api/v1/accounts/" + unique("demo"), "{\"name\":\"Demo " + i + "\",\"domain\":\"" + unique("demo") + ".com\",\"signup_date\":\"2025-01-10\"}");
        }
        owner.post("/api/v1/partners", "{\"name\":\"Demo Partner\",\"type\":\"technology\",\"admin_email\":\"" + uniqueEmail("demo") + "\"}");
        long before = jdbc.sql("select count(*) from insights_mrr_changes").query(Long.class).single();
        for (DemoContributor c : contributors) {
            if (c instanceof InsightsDemo || c.getClass().getSimpleName().equals("MappingDemo")) {
                assertThat(c.order()).isEqualTo(50);
                c.contribute(DemoSize.small(), new Random(7));
            }
        }
        assertThat(jdbc.sql("select count(*) from insights_mrr_changes").query(Long.class).single()).isGreaterThan(before);
        assertThat(jdbc.sql("select count(*) from mapping_populations").query(Long.class).single()).isPositive();
        assertThat(owner.get("/api/v1/insights/scorecard").status()).isEqualTo(200);
        assertThat(owner.get("/api/v1/insights/scorecard").json().get("metrics").get(4).has("missing")).as("GMV imported by the demo").isFalse();
    }
}
