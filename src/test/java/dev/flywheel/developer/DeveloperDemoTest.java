package dev.flywheel.developer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo gives technology partners apps and a sandbox, once. */
@Tag("database")
class DeveloperDemoTest extends IntegrationTest {

    @Autowired
    DeveloperDemo demo;

    @Test
    void technologyPartnersGetALiveAppATestAppAndASandboxOnce() {
        Api owner = api().as(OWNER_KEY);
        String techKey = OAuthTestSupport.partnerKey(owner, unique("Demo Tech"));
        String partnerId = api().as(techKey).get("/api/v1/partners").json().get("data").get(0).get("id").asString();
        assertThat(demo.order()).isEqualTo(20);

        demo.contribute(DemoSize.small(), new Random(7));
        demo.contribute(DemoSize.small(), new Random(8));

        Api.Response live = api().as(techKey).get("/api/v1/apps");
        assertThat(live.json().get("data")).hasSize(1);
        assertThat(live.json().get("data").get(0).get("client_type").asString()).isEqualTo("confidential");
        String testKey = owner.post("/api/v1/partners/" + partnerId + "/api-keys", "{\"name\":\"t\",\"mode\":\"test\"}").text("key");
        assertThat(api().as(testKey).get("/api/v1/apps").json().get("data")).hasSize(1);
        assertThat(api().as(testKey).get("/api/v1/sandbox").text("external_id")).isEqualTo("sandbox-" + partnerId);
    }
}
