package dev.flywheel.developer;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Rate limits per key by the organization's plan: RateLimit headers, then 429 with Retry-After. */
@Tag("database")
class RateLimitTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    @Test
    void aKeyOverItsPlanGets429WithRetryAfterAndOtherKeysAreUnaffected() {
        String plan = unique("tiny").toLowerCase();
        Api.Response saved = owner().put("/api/v1/rate-limits/plans/" + plan, "{\"requests_per_minute\":3,\"description\":\"test plan\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        String partnerKey = OAuthTestSupport.partnerKey(owner(), unique("Limited"));
        Api partner = api().as(partnerKey);
        String partnerId = partner.get("/api/v1/partners").json().get("data").get(0).get("id").asString();
        Api.Response assigned = owner().put("/api/v1/rate-limits/organizations/" + partnerId, "{\"plan\":\"" + plan + "\"}");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.json().get("requests_per_minute").asInt()).isEqualTo(3);

        for (int remaining = 2; remaining >= 0; remaining--) {
            Api.Response ok = partner.get("/api/v1/scopes");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Policy")).isEqualTo("\"" + plan + "\";q=3;w=60");
            assertThat(ok.header("RateLimit")).startsWith("\"" + plan + "\";r=" + remaining + ";t=");
        }
        Api.Response limited = partner.get("/api/v1/scopes");
        assertProblem(limited, 429, "/problems/rate-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(limited.header("RateLimit")).contains(";r=0;");
        assertThat(limited.text("detail")).contains("3 requests").contains(plan);

        // Another key of the same partner has its own bucket.
        String second = owner().post("/api/v1/partners/" + partnerId + "/api-keys", "{\"name\":\"second\"}").text("key");
        assertThat(api().as(second).get("/api/v1/scopes").status()).isEqualTo(200);
        // The owner's own key is not limited unless the owner is given a plan.
        Api.Response ownerCall = owner().get("/api/v1/scopes");
        assertThat(ownerCall.status()).isEqualTo(200);
        assertThat(ownerCall.header("RateLimit")).isNull();
    }

    @Test
    void partnersStartOnTheDefaultPlanAndOnlyOwnerAdminsChangePlans() {
        String partnerKey = OAuthTestSupport.partnerKey(owner(), unique("Default"));
        Api.Response r = api().as(partnerKey).get("/api/v1/scopes");
        assertThat(r.header("RateLimit-Policy")).isEqualTo("\"standard\";q=1200;w=60");
        assertProblem(api().as(partnerKey).put("/api/v1/rate-limits/plans/huge", "{\"requests_per_minute\":100000}"), 403, "/problems/forbidden");
        assertProblem(owner().put("/api/v1/rate-limits/plans/bad", "{\"requests_per_minute\":0}"), 400, "/problems/validation");
        assertThat(owner().get("/api/v1/rate-limits/plans").json().get("data").toString()).contains("standard", "enterprise");
    }
}
