package dev.flywheel.developer;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each partner's sandbox: a test-mode customer account with sample data, never visible to live credentials. */
@Tag("database")
class SandboxTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private String partnerKey(String partnerId, String mode) {
        return owner().post("/api/v1/partners/" + partnerId + "/api-keys", "{\"name\":\"" + mode + "\",\"mode\":\"" + mode + "\"}").text("key");
    }

    @Test
    void aPartnerGetsOneSandboxAccountWithSampleData() {
        String liveKey = OAuthTestSupport.partnerKey(owner(), unique("Sandboxed"));
        String partnerId = api().as(liveKey).get("/api/v1/partners").json().get("data").get(0).get("id").asString();
        Api test = api().as(partnerKey(partnerId, "test"));

        Api.Response sandbox = test.post("/api/v1/sandbox", "{}");
        assertThat(sandbox.status()).as(sandbox.body()).isEqualTo(200);
        assertThat(sandbox.text("mode")).isEqualTo("test");
        assertThat(sandbox.text("account_id")).startsWith("acc_");
        assertThat(sandbox.text("external_id")).isEqualTo("sandbox-" + partnerId);
        assertThat(sandbox.json().get("attributes").get("departments").toString()).contains("Sales", "Support", "Finance");
        assertThat(sandbox.json().get("sample_events").size()).isGreaterThanOrEqualTo(5);
        sandbox.json().get("sample_events").forEach(e -> assertThat(e.get("account").asString()).isEqualTo("sandbox-" + partnerId));

        assertThat(test.get("/api/v1/sandbox").text("account_id")).isEqualTo(sandbox.text("account_id"));
        assertThat(test.post("/api/v1/sandbox", "{}").json().get("sample_events").size()).isEqualTo(sandbox.json().get("sample_events").size());

        // Live credentials never see it: the sandbox is test data, and the account is a test-mode account.
        assertProblem(api().as(liveKey).get("/api/v1/sandbox"), 403, "/problems/forbidden");
        assertProblem(owner().get("/api/v1/accounts/sandbox-" + partnerId), 404, "/problems/not-found");
        String ownerTestKey = owner().post("/api/v1/api-keys", "{\"name\":\"owner test\",\"mode\":\"test\"}").text("key");
        assertThat(api().as(ownerTestKey).get("/api/v1/accounts/sandbox-" + partnerId).text("id")).isEqualTo(sandbox.text("account_id"));
        assertProblem(api().as(ownerTestKey).get("/api/v1/sandbox"), 403, "/problems/forbidden");
    }

    @Test
    void registeringTheFirstTestModeAppMakesTheSandbox() {
        String liveKey = OAuthTestSupport.partnerKey(owner(), unique("AppSandbox"));
        String partnerId = api().as(liveKey).get("/api/v1/partners").json().get("data").get(0).get("id").asString();
        String testKey = partnerKey(partnerId, "test");
        Api.Response app = api().as(testKey).post("/api/v1/apps", "{\"name\":\"Test app\",\"client_type\":\"confidential\",\"scopes\":[\"events:read\"]}");
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        String ownerTestKey = owner().post("/api/v1/api-keys", "{\"name\":\"owner test\",\"mode\":\"test\"}").text("key");
        assertThat(api().as(ownerTestKey).get("/api/v1/accounts/sandbox-" + partnerId).status()).isEqualTo(200);
    }
}
