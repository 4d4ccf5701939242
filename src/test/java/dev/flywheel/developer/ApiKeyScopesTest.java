package dev.flywheel.developer;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API keys with scopes, expiry, rotation with overlap, last use and display prefix; test keys never reach live data. */
@Tag("database")
class ApiKeyScopesTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private Api.Response ownerKey(String body) {
        Api.Response key = owner().post("/api/v1/api-keys", body);
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return key;
    }

    @Test
    void aScopedKeyReachesOnlyItsScopes() {
        Api.Response key = ownerKey("{\"name\":\"" + unique("reader") + "\",\"scopes\":[\"accounts:read\"]}");
        assertThat(key.json().get("scopes").toString()).isEqualTo("[\"accounts:read\"]");
        assertThat(key.text("display_prefix")).startsWith("fw_live_").hasSize(12);
        assertThat(key.text("key")).startsWith(key.text("display_prefix"));
        Api scoped = api().as(key.text("key"));

        assertThat(scoped.get("/api/v1/accounts").status()).isEqualTo(200);
        Api.Response write = scoped.put("/api/v1/accounts/" + unique("cus"), "{\"name\":\"Nope\"}");
        assertProblem(write, 403, "/problems/insufficient-scope");
        assertProblem(scoped.post("/api/v1/events", "{\"type\":\"user.created\",\"data\":{}}"), 403, "/problems/insufficient-scope");
        assertProblem(scoped.get("/api/v1/api-keys"), 403, "/problems/insufficient-scope");

        Api.Response listed = owner().get("/api/v1/api-keys");
        String id = key.text("id");
        listed.json().forEach(k -> {
            if (k.get("id").asString().equals(id)) {
                assertThat(k.get("last_used_at")).isNotNull();
                assertThat(k.get("scopes").toString()).contains("accounts:read");
                assertThat(k.has("key")).isFalse();
            }
        });
    }

    @Test
    void unknownScopeShapesAndPastExpiriesAreRefused() {
        assertProblem(owner().post("/api/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"everything\"]}"), 400, "/problems/validation");
        assertProblem(owner().post("/api/v1/api-keys", "{\"name\":\"x\",\"expires_at\":\"2020-01-01T00:00:00Z\"}"), 400, "/problems/validation");
    }

    @Test
    void anExpiredKeyIsRefusedAndSaysSo() {
        Api.Response key = ownerKey("{\"name\":\"" + unique("short") + "\",\"expires_at\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}");
        assertThat(key.text("expires_at")).isNotNull();
        jdbc.sql("update api_keys set expires_at = :past where id = :id").param("past", java.sql.Timestamp.from(Instant.now().minusSeconds(60)))
                .param("id", key.text("id")).update();
        Api.Response refused = api().as(key.text("key")).get("/api/v1/scopes");
        assertProblem(refused, 401, "/problems/unauthenticated");
        assertThat(refused.text("detail")).contains("expired");
    }

    @Test
    void aRotatedKeyKeepsWorkingThroughTheOverlapAndTheNewOneWorksAtOnce() {
        Api.Response old = ownerKey("{\"name\":\"" + unique("rotating") + "\",\"scopes\":[\"events:read\"]}");
        Instant until = Instant.now().plus(1, ChronoUnit.HOURS);
        Api.Response rotated = owner().post("/api/v1/api-keys/" + old.text("id") + "/rotate", "{\"previous_valid_until\":\"" + until + "\"}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
        assertThat(rotated.text("key")).isNotEqualTo(old.text("key"));
        assertThat(rotated.json().get("scopes").toString()).isEqualTo("[\"events:read\"]");
        assertThat(api().as(old.text("key")).get("/api/v1/events").status()).isEqualTo(200);
        assertThat(api().as(rotated.text("key")).get("/api/v1/events").status()).isEqualTo(200);

        Api.Response again = owner().post("/api/v1/api-keys/" + rotated.text("id") + "/rotate", "{}");
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertProblem(api().as(rotated.text("key")).get("/api/v1/events"), 401, "/problems/unauthenticated");
        assertThat(api().as(again.text("key")).get("/api/v1/events").status()).isEqualTo(200);
        assertProblem(owner().post("/api/v1/api-keys/" + old.text("id") + "/rotate",
                "{\"previous_valid_until\":\"" + Instant.now().plus(60, ChronoUnit.DAYS) + "\"}"), 400, "/problems/validation");
    }

    @Test
    void aRevokedKeyStopsAtOnceDespiteTheCache() {
        Api.Response key = ownerKey("{\"name\":\"" + unique("revoked") + "\"}");
        assertThat(api().as(key.text("key")).get("/api/v1/scopes").status()).isEqualTo(200);
        assertThat(owner().delete("/api/v1/api-keys/" + key.text("id")).status()).isEqualTo(200);
        assertProblem(api().as(key.text("key")).get("/api/v1/scopes"), 401, "/problems/unauthenticated");
    }

    @Test
    void anAppKeyHoldsAtMostTheAppsScopes() {
        // The owner's own integration (webhook endpoints are the owner's): an app, and a key for it.
        Api.Response registered = owner().post("/api/v1/apps", "{\"name\":\"" + unique("Keyed") + "\",\"client_type\":\"confidential\","
                + "\"scopes\":[\"events:read\",\"webhooks:read\"]}");
        String appId = registered.text("id");
        Api partner = owner();
        Api.Response key = partner.post("/api/v1/apps/" + appId + "/api-keys", "{\"scopes\":[\"webhooks:read\"]}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        assertThat(key.json().get("scopes").toString()).isEqualTo("[\"webhooks:read\"]");
        assertThat(api().as(key.text("key")).get("/api/v1/webhook-endpoints").status()).isEqualTo(200);
        assertProblem(api().as(key.text("key")).post("/api/v1/webhook-endpoints", "{\"url\":\"https://k.example/h\",\"event_types\":[\"*\"]}"),
                403, "/problems/insufficient-scope");

        Api.Response byDefault = partner.post("/api/v1/apps/" + appId + "/api-keys", "{}");
        assertThat(byDefault.json().get("scopes").toString()).contains("events:read", "webhooks:read");
        assertProblem(partner.post("/api/v1/apps/" + appId + "/api-keys", "{\"scopes\":[\"accounts:read\"]}"), 400, "/problems/validation");
        // A partner's key for its own app acts for the partner.
        String[] partnerApp = OAuthTestSupport.confidentialApp(owner(), unique("Partner keyed"), "events:read", "https://k.example/cb");
        Api.Response partnerKey = api().as(partnerApp[3]).post("/api/v1/apps/" + partnerApp[2] + "/api-keys", "{}");
        assertThat(partnerKey.status()).as(partnerKey.body()).isEqualTo(201);
        assertProblem(api().as(partnerKey.text("key")).get("/api/v1/apps"), 403, "/problems/insufficient-scope");
    }

    @Test
    void aTestModeKeyNeverReachesLiveData() {
        String live = unique("live-cus");
        assertThat(owner().put("/api/v1/accounts/" + live, "{\"name\":\"Live only\"}").status()).isEqualTo(201);
        Api.Response testKey = ownerKey("{\"name\":\"" + unique("test") + "\",\"mode\":\"test\"}");
        assertThat(testKey.text("key")).startsWith("fw_test_");
        Api test = api().as(testKey.text("key"));

        assertProblem(test.get("/api/v1/accounts/" + live), 404, "/problems/not-found");
        test.get("/api/v1/accounts?limit=100").json().get("data").forEach(a -> assertThat(a.get("mode").asString()).isEqualTo("test"));
        // Writing through a test key makes a test-mode twin; the live account is untouched.
        Api.Response twin = test.put("/api/v1/accounts/" + live, "{\"name\":\"Changed in test\"}");
        assertThat(twin.status()).isEqualTo(201);
        assertThat(twin.text("mode")).isEqualTo("test");
        assertThat(owner().get("/api/v1/accounts/" + live).text("name")).isEqualTo("Live only");

        String[] liveApp = OAuthTestSupport.confidentialApp(owner(), unique("Live app"), "events:read", "https://l.example/cb");
        assertProblem(test.get("/api/v1/apps/" + liveApp[2]), 404, "/problems/not-found");
    }
}
