package dev.flywheel.partners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.support.IntegrationTest;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@Tag("database")
class CoMarketingDemoTest extends IntegrationTest {

    @Autowired
    CoMarketingDemo demo;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fillsBudgetsRequestsAssetsAndLeadsAndCanRunAgain() {
        PartnerFixtures.partner(api().as(OWNER_KEY), "solution");
        long requests = jdbc.sql("select count(*) from fund_requests").query(Long.class).single();
        long assets = jdbc.sql("select count(*) from partner_assets").query(Long.class).single();
        demo.contribute(DemoSize.small(), new Random(3));
        demo.contribute(DemoSize.small(), new Random(4));
        assertThat(jdbc.sql("select count(*) from fund_requests").query(Long.class).single()).isGreaterThan(requests);
        assertThat(jdbc.sql("select count(*) from partner_assets").query(Long.class).single()).isGreaterThan(assets);
        assertThat(demo.order()).isBetween(46, 49);
    }
}
