package dev.flywheel.developer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** The public portal pages added for webhooks, versions and migrations open without sign-in and show what they promise. */
class PortalPagesTest extends IntegrationTest {

    @Test
    void theWebhookSignaturePageHasSamplesInFourLanguages() {
        Api.Response page = api().get("/developers/webhooks");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("openssl dgst -sha256 -mac HMAC", "MessageDigest.isEqual", "crypto.timingSafeEqual",
                "hmac.compare_digest", "webhook-signature", "whsec_");
    }

    @Test
    void theChangelogListsEveryVersionWithItsStatusAndTheBreakingChange() {
        Api.Response page = api().get("/developers/changelog");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("v1", "v2", "next_cursor", "6 months", "/developers/migrations/v1");
    }

    @Test
    void eachVersionHasAMigrationGuide() {
        Api.Response v1 = api().get("/developers/migrations/v1");
        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.body()).contains("What changes in v2", "cursor", "items");
        Api.Response v2 = api().get("/developers/migrations/v2");
        assertThat(v2.status()).isEqualTo(200);
        assertThat(v2.body()).contains("newest version");
        assertThat(api().get("/developers/migrations/v9").status()).isEqualTo(404);
        assertThat(api().get("/developers").body()).contains("/developers/webhooks", "/developers/changelog", "/api/v1/sandbox");
    }
}
