package dev.flywheel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.demo.DemoGenerator;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@Tag("database")
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest extends IntegrationTest {

    @Autowired
    DemoGenerator demo;
    @Autowired
    Organizations organizations;

    @Test
    void healthProbesAndMetricsAreServed() {
        assertThat(api().get("/actuator/health/liveness").body()).contains("UP");
        assertThat(api().get("/actuator/health/readiness").body()).contains("UP");
        Api.Response metrics = api().get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("flywheel_mail_outbox_pending").contains("http_server_requests");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        Api.Response doc = api().get("/v3/api-docs");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.text("openapi")).startsWith("3.1");
        assertThat(doc.json().get("paths").has("/api/v1/partners")).isTrue();
        assertThat(doc.json().get("paths").has("/api/v1/accounts/{externalId}")).isTrue();
        Api.Response ui = api().get("/docs/api");
        assertThat(ui.status()).isEqualTo(302);
        assertThat(api().get(ui.header("location").replaceFirst("^https?://[^/]+", "")).body()).contains("swagger");
    }

    @Test
    void requestLogsNeverContainSecrets(CapturedOutput output) {
        Api owner = api().as(OWNER_KEY);
        Api.Response issued = owner.post("/api/v1/api-keys", "{\"name\":\"log probe\"}");
        String secret = issued.text("key");
        api().as(secret).get("/api/v1/partners?token=" + secret);
        assertThat(output.getAll()).doesNotContain(secret).doesNotContain(OWNER_KEY);
    }

    @Test
    void theDemoGeneratorBuildsAnEcosystemOfTheRequestedSize() {
        long partners = organizations.count(OrganizationKind.PARTNER);
        long accounts = organizations.count(OrganizationKind.CUSTOMER);
        DemoSize size = new DemoSize(40, 2, 2, System.nanoTime());
        demo.generate(size);
        assertThat(organizations.count(OrganizationKind.PARTNER)).isEqualTo(partners + 3L * size.partnersPerType());
        assertThat(organizations.count(OrganizationKind.CUSTOMER)).isEqualTo(accounts + size.customerAccounts());
        // A second run into the same database must not collide with the first.
        demo.generate(size);
        assertThat(organizations.count(OrganizationKind.CUSTOMER)).isEqualTo(accounts + 2L * size.customerAccounts());
    }
}
