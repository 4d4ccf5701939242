package dev.flywheel.developer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo gives technology partners a live app, once, and makes no customer accounts. */
@Tag("database")
class DeveloperDemoTest extends IntegrationTest {

    @Autowired
    DeveloperDemo demo;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void technologyPartnersGetALiveAppOnce() {
        Api owner = api().as(OWNER_KEY);
        String techKey = OAuthTestSupport.partnerKey(owner, unique("Demo Tech"));
        String partnerId = api().as(techKey).get("/api/v1/partners").json().get("data").get(0).get("id").asString();
        assertThat(demo.order()).isEqualTo(20);
        long customers = jdbc.sql("select count(*) from organizations where kind = 'customer'").query(Long.class).single();

        demo.contribute(DemoSize.small(), new Random(7));
        demo.contribute(DemoSize.small(), new Random(8));

        Api.Response live = api().as(techKey).get("/api/v1/apps");
        assertThat(live.json().get("data")).hasSize(1);
        assertThat(live.json().get("data").get(0).get("client_type").asString()).isEqualTo("confidential");
        assertThat(live.json().get("data").get(0).get("name").asString()).startsWith("Demo Tech");
        assertThat(jdbc.sql("select count(*) from organizations where kind = 'customer'").query(Long.class).single()).isEqualTo(customers);
    }
}
